// Small browser facts the server-rendered components need, and Blazor's start.

// Decision 038: a page is interactive once its circuit is, so the circuit starts with no request it does not need. It
// connects by WebSocket at once, without SignalR's negotiate request (WebSockets is the one transport this product
// supports: the proxy configuration passes it), and without asking the server for JS initializers (this app has none).
// Decision 043: the editor's canvas draws its items as markup and listens once, on the grid, for their clicks and drags;
// these events carry the item the browser event happened in (its data-component-id), which Blazor's own do not. Only a
// drag that starts on an item's handle moves it (a selected text or an image could be dragged too).
const canvasItemOf = (element) => element?.closest("[data-component-id]")?.dataset.componentId ?? null;
const elementOf = (event) => (event.target instanceof Element ? event.target : null);
Blazor.registerCustomEventType("canvasselect", {
  browserEventName: "click",
  createEventArgs: (event) => ({ componentId: canvasItemOf(elementOf(event)) }),
});
Blazor.registerCustomEventType("canvasdragstart", {
  browserEventName: "dragstart",
  createEventArgs: (event) => ({ componentId: canvasItemOf(elementOf(event)?.closest(".lc-drag-handle")) }),
});

// Escape closes an open menu wherever focus is: MudMenu handles the key only in its own list, and a click on an activator
// that cannot take focus leaves focus on the page. The menu's host (LazyMenu) hears it as `menuescape`. A dialog takes
// Escape first (MudDialogProvider closes it).
Blazor.registerCustomEventType("menuescape", { browserEventName: "lifecyclemenuescape", createEventArgs: () => ({}) });
document.addEventListener(
  "keydown",
  (event) => {
    if (event.key !== "Escape" || document.querySelector(".mud-dialog-container")) return;
    for (const host of document.querySelectorAll(".lc-menu-host")) {
      if (host.querySelector('.mud-menu [aria-expanded="true"]')) host.dispatchEvent(new Event("lifecyclemenuescape", { bubbles: true }));
    }
  },
  true,
);

Blazor.start({
  circuit: {
    configureSignalR: (builder) => builder.withUrl("_blazor", { skipNegotiation: true, transport: 1 /* WebSockets */ }),
    initializers: { beforeStart: [], afterStarted: [] },
  },
});

window.lifecycle = {
  // Copies text to the clipboard (the Share dialog's links and embed snippet); false when the browser refuses.
  // The clipboard API needs a secure context (HTTPS or localhost); elsewhere a selected, hidden text area is copied.
  copyText: async (text) => {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "lc-visually-hidden";
      document.body.appendChild(area);
      area.select();
      const copied = document.execCommand("copy");
      area.remove();
      return copied;
    } catch {
      return false;
    }
  },

  // Decision 040: a menu mounted by its first click focuses its real activator (the clicked stand-in is gone), so the
  // menu's keys (Escape, arrows) reach it as they would after a click on a menu that was always there.
  focusMenuActivator: (host) => host?.querySelector(".mud-menu > button, .mud-menu > .mud-menu-activator")?.focus(),

  // Decision 041: the circuit's pages set the document's title here; the head is rendered once, with the page.
  setTitle: (text) => {
    document.title = text;
  },

  // Decision 044: the editor's canvas items are HTML the server sends once and does not keep. A patch replaces the items
  // whose content changed; with a reset it first removes every item; with an order it removes the items not in it and
  // moves the rest into its order (moving only those out of place). The host has no box of its own: its children are the
  // grid's cells. Blazor renders the host empty and never touches its children.
  canvas: {
    apply: (host, patch) => {
      // A failure is reported to the server, which then sends every item again.
      if (!host) throw new Error("The canvas has no items' host.");
      if (patch.reset || !host.lifecycleItems) {
        host.replaceChildren();
        host.lifecycleItems = new Map();
      }
      const shown = host.lifecycleItems;
      const check = (item, id) => {
        if (item?.dataset.componentId !== id) throw new Error(`The canvas patch's item ${id} is not one element of that id.`);
        return item;
      };
      if (shown.size === 0 && patch.items.length > 0) {
        // A whole page at once (an editor opening): one parse of all the items.
        host.innerHTML = patch.items.map(([, markup]) => markup).join("");
        if (host.children.length !== patch.items.length) throw new Error("The canvas patch's items are not one element each.");
        patch.items.forEach(([id], index) => shown.set(id, check(host.children[index], id)));
        return;
      }
      const template = document.createElement("template");
      for (const [id, markup] of patch.items) {
        template.innerHTML = markup;
        if (template.content.childNodes.length !== 1) throw new Error(`The canvas patch's item ${id} is not one element.`);
        const item = check(template.content.firstElementChild, id);
        const old = shown.get(id);
        if (old) old.replaceWith(item);
        else host.appendChild(item);
        shown.set(id, item);
      }
      if (!patch.order) return;
      const wanted = new Set(patch.order);
      for (const [id, item] of shown) {
        if (!wanted.has(id)) {
          item.remove();
          shown.delete(id);
        }
      }
      let next = host.firstElementChild;
      for (const id of patch.order) {
        const item = shown.get(id);
        if (!item) continue;
        if (item === next) next = next.nextElementSibling;
        else host.insertBefore(item, next);
      }
    },
  },

  // The viewer's IANA time zone, so times stored in UTC are shown in local time.
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",

  // The cell of a CSS grid under a point (a drop): the grid's resolved tracks give each row's and column's size.
  // A point below the last row is the row after it, so a drop there starts a new row.
  gridCell: (grid, clientX, clientY) => {
    const box = grid.getBoundingClientRect();
    const style = getComputedStyle(grid);
    const tracks = (list) => list.split(" ").map(parseFloat).filter((size) => !Number.isNaN(size));
    const indexAt = (sizes, gap, offset) => {
      let end = 0;
      for (let i = 0; i < sizes.length; i++) {
        end += sizes[i] + gap;
        if (offset < end - gap / 2) return i;
      }
      return sizes.length;
    };
    const columns = tracks(style.gridTemplateColumns);
    const column = indexAt(columns, parseFloat(style.columnGap) || 0, clientX - box.left - parseFloat(style.paddingLeft));
    const row = indexAt(tracks(style.gridTemplateRows), parseFloat(style.rowGap) || 0, clientY - box.top - parseFloat(style.paddingTop));
    return { row, column: Math.min(column, Math.max(columns.length - 1, 0)) };
  },
};

// Decision 036: a tab hidden for a while pauses its circuit, so the server lets go of what the page held; showing the
// tab again resumes it (a new circuit, which reads the page's data again). A page that holds work not stored yet marks
// itself with data-unsaved-work, a field with focus may hold typed text, and a running app's inputs hold what its user
// entered (a resumed app starts afresh): none of these is paused.
(() => {
  const seconds = Number(document.querySelector('meta[name="lifecycle-pause-hidden-after"]')?.content ?? 0);
  if (!(seconds > 0)) return;
  let timer = null;
  let paused = false;
  const busy = () =>
    document.querySelector("[data-unsaved-work]") !== null ||
    document.activeElement?.matches?.("input, textarea, select, [contenteditable]") === true ||
    [...document.querySelectorAll(".lc-rendered-app input, .lc-rendered-app textarea")].some((field) => field.value !== "");
  const pause = async () => {
    timer = null;
    if (document.visibilityState !== "hidden" || busy() || !document.querySelector('[data-testid="interactive"]')) return;
    try {
      paused = await Blazor.pauseCircuit();
    } catch {
      paused = false;
    }
  };
  document.addEventListener("visibilitychange", async () => {
    if (document.visibilityState === "hidden") {
      timer ??= setTimeout(pause, seconds * 1000);
      return;
    }
    clearTimeout(timer);
    timer = null;
    if (paused) {
      paused = false;
      await Blazor.resumeCircuit();
    }
  });
})();
