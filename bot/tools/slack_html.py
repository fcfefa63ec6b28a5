"""Block Kit blocks as an HTML approximation of how Slack shows them, for previews.

Only what rolebot sends is drawn (header, section with text, fields and accessory, context,
actions, divider); mrkdwn's bold, italics, code and links are honoured. Everything else is
escaped, so nothing in a reply can inject markup into the preview page."""

from __future__ import annotations

import html
import re
from typing import Any

_LINK = re.compile(r"&lt;(https?://[^|&]+)\|([^&]+)&gt;")
_BOLD = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_([^_\n]+)_(?![\w_])")
_CODE = re.compile(r"`([^`\n]+)`")
_EMOJI = {":warning:": "⚠️", ":+1:": "👍", ":-1:": "👎", ":mag:": "🔍"}
_EMOJI_CODE = re.compile(r":[a-z0-9_+-]+:")


def mrkdwn(text: str) -> str:
    """Slack mrkdwn (already escaped the Slack way) as HTML."""
    out = html.escape(html.unescape(text), quote=False)
    out = _LINK.sub(r'<a href="\1">\2</a>', out)
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _BOLD.sub(r"<b>\1</b>", out)
    out = _ITALIC.sub(r"<i>\1</i>", out)
    out = _EMOJI_CODE.sub(lambda m: _EMOJI.get(m.group(0), m.group(0)), out)
    return out.replace("\n", "<br>")


def _text(obj: dict[str, Any] | None) -> str:
    if not obj:
        return ""
    if obj.get("type") == "mrkdwn":
        return mrkdwn(obj.get("text", ""))
    return html.escape(obj.get("text", ""))


def _button(element: dict[str, Any]) -> str:
    style = element.get("style", "")
    return f'<button class="sl-button {html.escape(style)}">{_text(element.get("text"))}</button>'


def _element(element: dict[str, Any]) -> str:
    kind = element.get("type")
    if kind == "button":
        return _button(element)
    if kind in ("static_select", "overflow"):
        options = "".join(
            f"<option>{_text(o.get('text'))}</option>" for o in element.get("options", [])
        )
        return f'<select class="sl-select">{options}</select>'
    return f'<span class="sl-unknown">{html.escape(str(kind))}</span>'


def block(b: dict[str, Any]) -> str:
    kind = b.get("type")
    if kind == "header":
        return f'<div class="sl-header">{_text(b.get("text"))}</div>'
    if kind == "divider":
        return '<hr class="sl-divider">'
    if kind == "context":
        parts = "".join(f"<span>{_text(e)}</span>" for e in b.get("elements", []))
        return f'<div class="sl-context">{parts}</div>'
    if kind == "actions":
        return (
            f'<div class="sl-actions">{"".join(_element(e) for e in b.get("elements", []))}</div>'
        )
    if kind == "section":
        inner = f'<div class="sl-text">{_text(b.get("text"))}</div>' if b.get("text") else ""
        if b.get("fields"):
            cells = "".join(f"<div>{_text(f)}</div>" for f in b["fields"])
            inner += f'<div class="sl-fields">{cells}</div>'
        accessory = b.get("accessory")
        side = f'<div class="sl-accessory">{_element(accessory)}</div>' if accessory else ""
        return f'<div class="sl-section"><div class="sl-main">{inner}</div>{side}</div>'
    return f'<div class="sl-unknown">{html.escape(str(kind))} block</div>'


def message(blocks: list[dict[str, Any]]) -> str:
    """A Slack message: the bot's name, then its blocks."""
    body = "".join(block(b) for b in blocks)
    return (
        '<div class="sl-message"><div class="sl-avatar">R</div><div class="sl-content">'
        f'<div class="sl-name">rolebot <span class="sl-app">APP</span></div>{body}</div></div>'
    )


STYLE = """
.sl-message{display:flex;gap:8px;font:15px/1.46 Lato,'Helvetica Neue',Arial,sans-serif;
  color:#1d1c1d;max-width:640px;padding:8px 20px}
.sl-avatar{width:36px;height:36px;border-radius:6px;background:#4a154b;color:#fff;
  display:flex;align-items:center;justify-content:center;font-weight:700;flex:none}
.sl-content{flex:1;min-width:0}.sl-name{font-weight:900}
.sl-app{font-size:10px;background:#ddd;border-radius:2px;padding:0 3px;color:#555}
.sl-header{font-weight:900;font-size:18px;margin:6px 0}
.sl-section{display:flex;gap:8px;margin:4px 0}.sl-main{flex:1;min-width:0}
.sl-fields{display:grid;grid-template-columns:1fr 1fr;gap:4px 16px}
.sl-context{font-size:12px;color:#616061;margin:4px 0;display:flex;flex-wrap:wrap;gap:8px}
.sl-actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.sl-button{font:700 13px Lato,Arial,sans-serif;border:1px solid #ccc;border-radius:4px;
  background:#fff;padding:4px 12px;max-width:100%;white-space:nowrap;overflow:hidden;
  text-overflow:ellipsis}
.sl-button.primary{background:#007a5a;color:#fff;border-color:#007a5a}
.sl-divider{border:none;border-top:1px solid #ddd}
code{background:#f6f6f6;border:1px solid #ddd;border-radius:3px;padding:0 2px}
"""
