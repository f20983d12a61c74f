import { JSDOM } from 'jsdom'

// A browser-like global scope for React DOM, set up before React is imported (import order).
const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://app.test/' })
const globals = globalThis as Record<string, unknown>
globals.window = dom.window
globals.document = dom.window.document
globals.HTMLElement = dom.window.HTMLElement
globals.Node = dom.window.Node
globals.MutationObserver = dom.window.MutationObserver
globals.getComputedStyle = dom.window.getComputedStyle
globals.IS_REACT_ACT_ENVIRONMENT = false
if (!('navigator' in globalThis)) globals.navigator = dom.window.navigator
