// Blocks as bodies hold them: list items, cells and quotations with or without paragraphs,
// <pre> with or without <code>, definition lists, ordered lists counting down, images with a
// title and a loading hint, and tables with a caption and their head, body and foot.
import {
  Blockquote as BaseBlockquote,
  CodeBlock as BaseCodeBlock,
  Extension,
  Figure as BaseFigure,
  Image as BaseImage,
  ListItem as BaseListItem,
  Node,
  OrderedList as BaseOrderedList,
  pm,
  Table as BaseTable,
  TableCell as BaseTableCell,
  TableHeader as BaseTableHeader,
  TableRow as BaseTableRow,
  mergeAttributes,
  updateAttrsDialog,
} from "django-prose-editor/editor"

const { DOMSerializer } = pm.model
const gettext = window.gettext || ((text) => text)

const attribute = (name) => ({
  default: null,
  parseHTML: (element) => element.getAttribute(name),
})

// "Tight" containers (<li>text</li>, as opposed to <li><p>text</p></li>) keep their form: the
// editor needs a paragraph first inside, the stored HTML does not get one (see writeTight).
const tight = (fallback) => ({
  default: fallback,
  keepOnSplit: true,
  parseHTML: (element) => ![...element.children].some((child) => child.tagName === "P"),
  renderHTML: () => ({}),
})

// An item starting with a block (<li><table>…) gets its required first paragraph, empty, instead
// of the list being closed before the block.
const STARTS_A_LINE = /^(H[1-6]|UL|OL|DL|PRE|BLOCKQUOTE|TABLE|FIGURE|HR)$/

function withLeadingParagraph(element) {
  const first = [...element.childNodes].find(
    (child) => child.nodeType !== window.Node.TEXT_NODE || child.data.trim(),
  )
  if (!first || !STARTS_A_LINE.test(first.nodeName)) return element
  const copy = element.cloneNode(true)
  copy.prepend(document.createElement("p"))
  return copy
}

export const ListItem = BaseListItem.extend({
  addAttributes() {
    return { ...this.parent?.(), tight: tight(true) }
  },
  parseHTML() {
    return [{ tag: "li", contentElement: withLeadingParagraph }]
  },
})

export const Blockquote = BaseBlockquote.extend({
  addAttributes() {
    return { ...this.parent?.(), cite: attribute("cite"), tight: tight(false) }
  },
})

export const OrderedList = BaseOrderedList.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      reversed: {
        default: false,
        parseHTML: (element) => element.hasAttribute("reversed"),
        renderHTML: (attributes) => (attributes.reversed ? { reversed: "" } : {}),
      },
    }
  },
})

// <pre> alone (preformatted text) or <pre><code> (a code sample).
export const CodeBlock = BaseCodeBlock.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      plain: {
        default: false,
        parseHTML: (element) => !element.querySelector("code"),
        renderHTML: () => ({}),
      },
    }
  },
  renderHTML({ node, HTMLAttributes }) {
    const { class: _language, ...attributes } = HTMLAttributes
    return node.attrs.plain
      ? ["pre", attributes, 0]
      : ["pre", attributes, ["code", _language ? { class: _language } : {}, 0]]
  },
})

export const Image = BaseImage.extend({
  addAttributes() {
    return { ...this.parent?.(), loading: attribute("loading") }
  },
})

// Only an image and its caption make a figure; other figures are kept as HTML blocks.
// A figure needs its image: when typing or deleting replaces the image, ProseMirror fills the
// figure with an empty one (an <img> without address). The figure gives way to its caption.
export const Figure = BaseFigure.extend({
  parseHTML() {
    return [{ tag: "figure", getAttrs: (element) => (isSimpleFigure(element) ? null : false) }]
  },
  addProseMirrorPlugins() {
    return [
      ...(this.parent?.() || []),
      new pm.state.Plugin({
        appendTransaction: (transactions, _old, state) => {
          if (!transactions.some((transaction) => transaction.docChanged)) return null
          const empty = []
          state.doc.descendants((node, position) => {
            if (node.type.name !== this.name) return true
            if (!node.firstChild?.attrs.src) empty.push([position, node])
            return false
          })
          if (!empty.length) return null
          const tr = state.tr
          for (const [position, figure] of empty.reverse()) {
            const caption = figure.childCount > 1 ? figure.lastChild : null
            const range = [position, position + figure.nodeSize]
            if (caption?.content.size) {
              tr.replaceWith(...range, state.schema.nodes.paragraph.create(null, caption.content))
            } else {
              tr.delete(...range)
            }
          }
          return tr
        },
      }),
    ]
  },
})

function isSimpleFigure(element) {
  const [image, caption, ...rest] = element.children
  return (
    image?.tagName === "IMG" &&
    image.hasAttribute("src") &&
    (!caption || caption.tagName === "FIGCAPTION") &&
    !rest.length
  )
}

export const DescriptionList = Node.create({
  name: "descriptionList",
  group: "block",
  content: "(descriptionTerm | descriptionDetails)+",
  parseHTML: () => [{ tag: "dl" }],
  renderHTML: ({ HTMLAttributes }) => ["dl", HTMLAttributes, 0],
  addExtensions: () => [DescriptionTerm, DescriptionDetails],
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "descriptionList",
      groups: "nodes",
      button: buttons.material("list_alt", "Definition list"),
      command(editor) {
        editor
          .chain()
          .focus()
          .insertContent({
            type: "descriptionList",
            content: [
              { type: "descriptionTerm" },
              { type: "descriptionDetails", content: [{ type: "paragraph" }] },
            ],
          })
          .run()
        // The caret ends in the details; the term comes first.
        const { $from } = editor.state.selection
        for (let depth = $from.depth; depth > 0; depth--) {
          if ($from.node(depth).type.name === "descriptionList") {
            editor.commands.setTextSelection($from.start(depth) + 1)
            break
          }
        }
      },
      enabled: (editor) => editor.can().insertContent({ type: "descriptionList" }),
    })
  },
})

const DescriptionTerm = Node.create({
  name: "descriptionTerm",
  content: "inline*",
  defining: true,
  parseHTML: () => [{ tag: "dt" }],
  renderHTML: ({ HTMLAttributes }) => ["dt", HTMLAttributes, 0],
})

const DescriptionDetails = Node.create({
  name: "descriptionDetails",
  content: "block+",
  defining: true,
  addAttributes: () => ({ tight: tight(true) }),
  parseHTML: () => [{ tag: "dd" }],
  renderHTML: ({ HTMLAttributes }) => ["dd", HTMLAttributes, 0],
})

// Tables: rows remember their section (thead, tbody, tfoot); the caption is the table's.
const SECTIONS = { THEAD: "head", TFOOT: "foot" }

export const TableRow = BaseTableRow.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      section: {
        default: "body",
        keepOnSplit: true,
        parseHTML: (element) => SECTIONS[element.parentElement?.tagName] || "body",
        renderHTML: () => ({}),
      },
    }
  },
})

export const TableCell = BaseTableCell.extend({
  addAttributes() {
    return { ...this.parent?.(), tight: tight(true) }
  },
})

export const TableHeader = BaseTableHeader.extend({
  addAttributes() {
    return { ...this.parent?.(), tight: tight(true), scope: attribute("scope") }
  },
})

const captionDialog = updateAttrsDialog(
  { caption: { type: "string", title: gettext("Caption") } },
  { title: gettext("Table caption") },
)

export const Table = BaseTable.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      caption: {
        default: null,
        parseHTML: (element) =>
          element.querySelector(":scope > caption")?.textContent.trim() || null,
        renderHTML: () => ({}),
      },
    }
  },
  parseHTML() {
    // The caption is an attribute of the table, not a row.
    return [...this.parent(), { tag: "caption", ignore: true }]
  },
  // The editing view shows the caption above the table (see css/editor.css).
  addNodeView() {
    const create = this.parent?.()
    return (props) => {
      const view = create(props)
      const show = (node) => {
        if (node.attrs.caption) view.dom.dataset.caption = node.attrs.caption
        else delete view.dom.dataset.caption
      }
      show(props.node)
      const update = view.update.bind(view)
      view.update = (node, ...rest) => update(node, ...rest) && (show(node), true)
      return view
    }
  },
  addMenuItems(context) {
    this.parent?.(context)
    context.menu.defineItem({
      name: "tableCaption",
      groups: "table",
      button: context.buttons.material("title", "Table caption"),
      command(editor) {
        const { state } = editor
        const { $from } = state.selection
        for (let depth = $from.depth; depth > 0; depth--) {
          const node = $from.node(depth)
          if (node.type.name !== "table") continue
          const position = $from.before(depth)
          captionDialog(editor, { caption: node.attrs.caption || "" }).then((attrs) => {
            if (!attrs) return
            const caption = attrs.caption.trim() || null
            editor.view.dispatch(
              editor.state.tr.setNodeMarkup(position, null, { ...node.attrs, caption }),
            )
          })
          return
        }
      },
      enabled: (editor) => editor.isActive("table"),
    })
  },
})

// The editing view needs paragraphs in containers and all rows in one table body; the HTML
// the editor writes (and copies) follows what the nodes remember instead.
function writeTight(serializer, name) {
  const render = serializer.nodes[name]
  if (!render) return
  serializer.nodes[name] = (node) => {
    const first = node.firstChild
    const paragraphs = node.content.content.filter((child) => child.type.name === "paragraph")
    // A second paragraph (Enter pressed in the item) makes every paragraph explicit again.
    if (!node.attrs.tight || first?.type.name !== "paragraph" || paragraphs.length > 1) {
      return render(node)
    }
    const { dom, contentDOM } = DOMSerializer.renderSpec(document, render(node))
    serializer.serializeFragment(first.content, {}, contentDOM)
    node.content.forEach((child, _offset, index) => {
      if (index) contentDOM.append(serializer.serializeNode(child))
    })
    return dom
  }
}

function writeTable(serializer) {
  if (!serializer.nodes.table) return
  serializer.nodes.table = (node) => {
    const table = document.createElement("table")
    if (node.attrs.caption) {
      table.append(Object.assign(document.createElement("caption"), {
        textContent: node.attrs.caption,
      }))
    }
    let section = null
    let current = null
    node.forEach((row) => {
      if (row.attrs.section !== section || !current) {
        section = row.attrs.section
        current = document.createElement(`t${section}`)
        table.append(current)
      }
      current.append(serializer.serializeNode(row))
    })
    return table
  }
}

export const BodyHTML = Extension.create({
  name: "bodyHTML",
  onBeforeCreate() {
    const serializer = DOMSerializer.fromSchema(this.editor.schema)
    for (const name of ["listItem", "blockquote", "tableCell", "tableHeader", "descriptionDetails"]) {
      writeTight(serializer, name)
    }
    writeTable(serializer)
  },
})
