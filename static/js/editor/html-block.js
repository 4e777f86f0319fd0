// Content the other extensions cannot model (a gallery, an image inside a paragraph, a table
// inside a table...) is kept as one block of HTML, shown as such and editable in a dialog, so
// that opening and saving a body never restructures or drops it.
import { Node, pm, updateAttrsDialog } from "django-prose-editor/editor"

const gettext = window.gettext || ((text) => text)

// An image outside a figure splits the block holding it.
const looseImage = (element) =>
  [...element.querySelectorAll("img")].some((image) => !element.contains(image.closest("figure")))

const IRREGULAR = {
  // Any figure that the figure extensions (an image and its caption, an embed...) left.
  figure: () => true,
  table: (element) =>
    looseImage(element) ||
    element.querySelector("table") ||
    [...element.querySelectorAll(":scope > caption")].some((caption) => caption.children.length),
  pre: (element) =>
    [...element.children].some((child) => child.tagName !== "CODE" || child.children.length),
  p: looseImage,
  h2: looseImage,
  h3: looseImage,
  h4: looseImage,
  h5: looseImage,
  h6: looseImage,
  ul: looseImage,
  ol: looseImage,
  dl: looseImage,
  blockquote: looseImage,
}

// Pasted HTML reaches the editor unsanitised: nothing in a block may run or load anything
// before the server sanitises it on saving.
const INERT = "script, style, iframe, object, embed, link, meta, base, form, svg, math"

function inert(html) {
  const template = document.createElement("template")
  template.innerHTML = html
  template.content.querySelectorAll(INERT).forEach((node) => node.remove())
  for (const node of template.content.querySelectorAll("*")) {
    for (const { name, value } of [...node.attributes]) {
      if (/^on/i.test(name) || /^\s*(javascript|data|vbscript):/i.test(value)) {
        node.removeAttribute(name)
      }
    }
  }
  return template.innerHTML
}

function fragment(html) {
  const template = document.createElement("template")
  template.innerHTML = html
  return template.content
}

const htmlDialog = updateAttrsDialog(
  { html: { type: "string", title: gettext("HTML"), format: "textarea" } },
  { title: gettext("HTML block") },
)

export const HtmlBlock = Node.create({
  name: "htmlBlock",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return { html: { default: "", renderHTML: () => ({}) } }
  },

  // Before the rules of paragraphs, lists, tables and code blocks (50), which would take these
  // elements apart; after any other figure's (an embed's, say), which the figure rule leaves.
  parseHTML() {
    return Object.entries(IRREGULAR).map(([tag, irregular]) => ({
      tag,
      priority: tag === "figure" ? 40 : 60,
      getAttrs: (element) => (irregular(element) ? { html: inert(element.outerHTML) } : false),
    }))
  },

  // Only the editing view uses this; the HTML the editor writes is the block's own (below).
  renderHTML() {
    return ["div", { class: "html-block" }]
  },

  onBeforeCreate() {
    const serializer = pm.model.DOMSerializer.fromSchema(this.editor.schema)
    const serializeNodeInner = serializer.serializeNodeInner.bind(serializer)
    serializer.serializeNodeInner = (node, options) =>
      node.type.name === this.name
        ? fragment(node.attrs.html)
        : serializeNodeInner(node, options)
  },

  addNodeView() {
    return ({ node, editor, getPos }) => {
      const dom = document.createElement("div")
      dom.className = "html-block"
      dom.contentEditable = "false"
      const label = document.createElement("button")
      label.type = "button"
      label.className = "html-block__label"
      label.textContent = gettext("HTML block")
      label.title = gettext("Edit HTML block")
      const code = document.createElement("pre")
      code.className = "html-block__html"
      code.textContent = node.attrs.html
      dom.append(label, code)
      label.addEventListener("click", () => {
        htmlDialog(editor, { html: node.attrs.html }).then((attrs) => {
          if (!attrs) return
          const position = getPos()
          const html = attrs.html.trim()
          const tr = editor.state.tr
          if (html) tr.setNodeMarkup(position, null, { html: inert(html) })
          else tr.delete(position, position + node.nodeSize)
          editor.view.dispatch(tr)
        })
      })
      return { dom, ignoreMutation: () => true, stopEvent: () => true }
    }
  },
})
