/**
 * Everything lives in the shadow root, so host page CSS cannot reach in; `all: initial`
 * on the host stops inherited properties (font, color, line-height) leaking through.
 * On narrow screens the open panel is full-screen and the launcher would cover Send,
 * so it hides; the frame's own minimize button closes the panel there.
 */
export const LOADER_CSS = `
:host{all:initial}
.l{position:fixed;right:20px;bottom:20px;z-index:2147483647;width:56px;height:56px;border:0;border-radius:50%;background:#2563eb;color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;padding:0}
.l:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}
.l svg{width:28px;height:28px;fill:currentColor}
.b{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#dc2626;color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center}
.b[hidden],.p[hidden]{display:none}
.p{position:fixed;right:20px;bottom:88px;z-index:2147483647;width:380px;height:600px;max-height:calc(100vh - 108px);border-radius:12px;overflow:hidden;box-shadow:0 8px 32px rgba(0,0,0,.25);background:#fff}
.p iframe{width:100%;height:100%;border:0;display:block}
@media (max-width:480px){.p{inset:0;width:auto;height:auto;max-height:none;border-radius:0}.l[aria-expanded=true]{display:none}}
`;

export const CHAT_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';
export const CLOSE_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"/></svg>';
