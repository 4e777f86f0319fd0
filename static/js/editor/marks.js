// Inline elements the built-in extensions lack: abbreviations, inline quotations, titles of
// works (<cite>), fine print, insertions, deletions and highlights; links with a language.
import {
  Link as BaseLink,
  Mark,
  mergeAttributes,
  updateAttrsDialog,
} from "django-prose-editor/editor"

const gettext = window.gettext || ((text) => text)

// A mark written as one element, with the given attributes kept as they are.
function simpleMark({ name, tag, attributes = [], button = null, toggle = null }) {
  return Mark.create({
    name,
    addAttributes() {
      return Object.fromEntries(
        attributes.map((attribute) => [
          attribute,
          { default: null, parseHTML: (element) => element.getAttribute(attribute) },
        ]),
      )
    },
    parseHTML() {
      return [{ tag, priority: 60 }]
    },
    renderHTML({ HTMLAttributes }) {
      return [tag, mergeAttributes(HTMLAttributes), 0]
    },
    addMenuItems({ menu, buttons }) {
      if (!button) return
      menu.defineItem({
        name,
        groups: "marks",
        button: buttons.material(button.icon, button.title),
        command: toggle || ((editor) => editor.chain().focus().toggleMark(name).run()),
        active: (editor) => editor.isActive(name),
        enabled: (editor) => editor.can().toggleMark(name),
      })
    },
  })
}

// The expansion of an abbreviation is asked for in a dialog; an empty one removes the mark.
const abbreviationDialog = updateAttrsDialog(
  { title: { type: "string", title: gettext("Expansion") } },
  { title: gettext("Abbreviation") },
)

function editAbbreviation(editor) {
  const current = editor.getAttributes("abbreviation")
  abbreviationDialog(editor, { title: current.title || "" }).then((attrs) => {
    if (!attrs) return
    const chain = editor.chain().focus().extendMarkRange("abbreviation")
    const title = attrs.title.trim()
    if (title) chain.setMark("abbreviation", { title }).run()
    else chain.unsetMark("abbreviation").run()
  })
}

export const Abbreviation = simpleMark({
  name: "abbreviation",
  tag: "abbr",
  attributes: ["title"],
  button: { icon: "short_text", title: "Abbreviation" },
  toggle: editAbbreviation,
})
export const Cite = simpleMark({
  name: "cite",
  tag: "cite",
  button: { icon: "menu_book", title: "Title of a work" },
})
export const Quotation = simpleMark({
  name: "quotation",
  tag: "q",
  attributes: ["cite"],
  button: { icon: "format_quote", title: "Inline quotation" },
})
export const Small = simpleMark({
  name: "small",
  tag: "small",
  button: { icon: "text_decrease", title: "Fine print" },
})
export const Insertion = simpleMark({
  name: "insertion",
  tag: "ins",
  button: { icon: "add_box", title: "Insertion" },
})
export const Deletion = simpleMark({
  name: "deletion",
  tag: "del",
  button: { icon: "indeterminate_check_box", title: "Deletion" },
})
export const Highlighted = simpleMark({
  name: "highlight",
  tag: "mark",
  button: { icon: "highlight", title: "Highlight" },
})

export const Link = BaseLink.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      hreflang: { default: null, parseHTML: (element) => element.getAttribute("hreflang") },
    }
  },
})
