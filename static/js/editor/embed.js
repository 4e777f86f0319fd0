// The editor's embed block: a video, podcast episode or post stored as a link in a figure,
// <figure data-embed="youtube"><a href="URL">URL</a><figcaption>…</figcaption></figure>
// (epw/core/embeds.py). The providers' patterns come from Python with the extension's options, so the
// editor recognises exactly the addresses the site knows how to show.
import {
  crel,
  Node,
  Plugin,
  updateAttrsDialog,
} from "django-prose-editor/editor"

const compiled = new WeakMap()

// The provider (key, label, patterns) of an address, or null; options are the extension's.
const findProvider = (options, url) => {
  url = (url || "").trim()
  if (!compiled.has(options)) {
    compiled.set(options, {
      forbidden: new RegExp(options.forbidden),
      providers: options.providers.map((provider) => ({
        ...provider,
        regexps: provider.patterns.map((source) => new RegExp(`^(?:${source})$`, "i")),
      })),
    })
  }
  const { forbidden, providers } = compiled.get(options)
  if (!url || url.length > options.maxLength || forbidden.test(url)) return null
  return providers.find((provider) => provider.regexps.some((re) => re.test(url))) || null
}

const providerLabel = (provider, url) => {
  if (provider?.label) return provider.label
  try {
    return new URL(url, window.location.href).hostname
  } catch {
    return ""
  }
}

export const Embed = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  // Before Figure and Link: its parse rule and paste handler must run first.
  priority: 200,

  addOptions() {
    return { providers: [], forbidden: ".", maxLength: 0, labels: {} }
  },

  addAttributes() {
    return {
      provider: {
        default: "",
        parseHTML: (element) => element.getAttribute("data-embed") || "",
        rendered: false,
      },
      url: {
        default: "",
        parseHTML: (element) => element.querySelector("a")?.getAttribute("href") || "",
        rendered: false,
      },
      title: {
        default: "",
        parseHTML: (element) => element.querySelector("a")?.textContent.trim() || "",
        rendered: false,
      },
      caption: {
        default: "",
        parseHTML: (element) =>
          element.querySelector("figcaption")?.textContent.trim() || "",
        rendered: false,
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-embed]", priority: 60 }]
  },

  renderHTML({ node }) {
    const { url, title, caption } = node.attrs
    const provider = findProvider(this.options, url)
    const figure = [
      "figure",
      { "data-embed": provider?.key || node.attrs.provider },
      ["a", { href: url }, title || url],
    ]
    if (caption) figure.push(["figcaption", {}, caption])
    return figure
  },

  addNodeView() {
    const options = this.options
    const { labels } = options
    return ({ node }) => {
      const dom = crel("div", { className: "prose-embed", contentEditable: "false" })
      const show = (current) => {
        const { url, title, caption } = current.attrs
        const provider = findProvider(options, url)
        const parts = [
          crel("strong", {
            className: "prose-embed__provider",
            textContent: providerLabel(provider, url) || labels.unknown || "?",
          }),
          crel("span", { className: "prose-embed__url", textContent: title || url }),
        ]
        if (title && title !== url) {
          parts.push(crel("span", { className: "prose-embed__url", textContent: url }))
        }
        if (caption) {
          parts.push(crel("em", { className: "prose-embed__caption", textContent: caption }))
        }
        dom.replaceChildren(...parts)
      }
      show(node)
      return {
        dom,
        update(updated) {
          if (updated.type.name !== "embed") return false
          show(updated)
          return true
        },
      }
    }
  },

  addCommands() {
    return {
      editEmbed:
        () =>
        ({ editor, state, dispatch }) => {
          const selected = state.selection.node
          const editing = selected?.type.name === this.name ? selected : null
          if (!dispatch) return true
          const { labels } = this.options
          const ask = (attrs, problem) =>
            updateAttrsDialog(
              {
                url: {
                  type: "string",
                  title: labels.url,
                  description: problem || labels.help,
                  required: true,
                },
                caption: { type: "string", title: labels.caption },
              },
              {
                title: labels.button,
                submitText: editing ? labels.update : labels.insert,
              },
            )(editor, attrs).then((values) => {
              if (!values) return
              const url = values.url.trim()
              const provider = findProvider(this.options, url)
              if (!provider) {
                ask(values, labels.unknown)
                return
              }
              const attrs = {
                provider: provider.key,
                url,
                title: editing && editing.attrs.url === url ? editing.attrs.title : "",
                caption: values.caption.trim(),
              }
              const chain = editor.chain().focus()
              if (editing) chain.updateAttributes(this.name, attrs).run()
              else chain.insertContent({ type: this.name, attrs }).run()
            })
          ask(editing ? editing.attrs : { url: "", caption: "" })
          return true
        },
    }
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "embed",
      groups: "nodes",
      command(editor) {
        editor.chain().focus().editEmbed().run()
      },
      button: buttons.material("smart_display", this.options.labels.button),
      active(editor) {
        return editor.isActive("embed")
      },
    })
  },

  addProseMirrorPlugins() {
    const { editor, name, options } = this
    return [
      new Plugin({
        props: {
          // An address of a known provider pasted alone on an empty line (or over a whole
          // paragraph) becomes an embed; anywhere else it stays text, or a link.
          handlePaste(view, event) {
            const url = event.clipboardData?.getData("text/plain")?.trim()
            const provider = findProvider(options, url)
            if (!provider) return false
            const { $from, $to } = view.state.selection
            const block = $from.parent
            const wholeBlock =
              block.isTextblock &&
              $from.depth > 0 &&
              $from.sameParent($to) &&
              $from.parentOffset === 0 &&
              $to.parentOffset === block.content.size
            if (!wholeBlock) return false
            const container = $from.node($from.depth - 1)
            const index = $from.index($from.depth - 1)
            if (!container.canReplaceWith(index, index + 1, view.state.schema.nodes[name])) {
              return false
            }
            const from = $from.before()
            const to = $from.after()
            const content = [{ type: name, attrs: { provider: provider.key, url } }]
            // Keep a line to go on writing after the embed.
            if (!view.state.doc.resolve(to).nodeAfter) content.push({ type: "paragraph" })
            editor.chain().insertContentAt({ from, to }, content).run()
            return true
          },
        },
      }),
    ]
  },
})
