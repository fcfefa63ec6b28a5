"""Bot Framework activities as Teams sends them to the bot, for the Teams tests."""

from __future__ import annotations

from typing import Any

BOT = {"id": "28:00000000-0000-0000-0000-00000000b07", "name": "Rolebot"}
USER = {
    "id": "29:user-ada",
    "name": "Ada Lovelace",
    "aadObjectId": "00000000-0000-0000-0000-0000000000a1",
}
PERSONAL = {"id": "a:personal-ada", "conversationType": "personal", "tenantId": "tenant-1"}
CHANNEL = {
    "id": "19:general@thread.tacv2",
    "conversationType": "channel",
    "isGroup": True,
    "tenantId": "tenant-1",
}
GROUP = {
    "id": "19:group-chat@thread.v2",
    "conversationType": "groupChat",
    "isGroup": True,
    "tenantId": "tenant-1",
}
MENTION_TAG = "<at>Rolebot</at>"


def activity(
    service_url: str,
    *,
    conversation: dict[str, Any],
    activity_id: str = "1700000000001",
    type_: str = "message",
    **fields: Any,
) -> dict[str, Any]:
    return {
        "type": type_,
        "id": activity_id,
        "channelId": "msteams",
        "serviceUrl": service_url,
        "timestamp": "2024-05-01T10:00:00.000Z",
        "locale": "en-US",
        "from": USER,
        "recipient": BOT,
        "conversation": conversation,
        "channelData": {"tenant": {"id": "tenant-1"}},
        **fields,
    }


def personal_message(service_url: str, text: str, **kw: Any) -> dict[str, Any]:
    return activity(service_url, conversation=PERSONAL, text=text, textFormat="plain", **kw)


def mention_entity() -> dict[str, Any]:
    return {"type": "mention", "mentioned": BOT, "text": MENTION_TAG}


def channel_message(
    service_url: str,
    question: str,
    *,
    mention: bool = True,
    conversation: dict[str, Any] = CHANNEL,
    **kw: Any,
) -> dict[str, Any]:
    text = f"{MENTION_TAG} {question}".strip() if mention else question
    entities = [mention_entity()] if mention else []
    return activity(
        service_url,
        conversation=conversation,
        text=text,
        textFormat="plain",
        entities=entities,
        **kw,
    )


def card_submit(
    service_url: str, data: dict[str, Any], *, conversation: dict[str, Any] = PERSONAL, **kw: Any
) -> dict[str, Any]:
    """What Teams posts when an ``Action.Submit`` button is pressed: a message with ``value``."""
    return activity(
        service_url,
        conversation=conversation,
        value=data,
        replyToId=kw.pop("replyToId", "fake-activity-1"),
        activity_id=kw.pop("activity_id", "1700000000900"),
        **kw,
    )


def card_invoke(
    service_url: str,
    data: dict[str, Any],
    *,
    action_type: str = "Action.Execute",
    conversation: dict[str, Any] = PERSONAL,
    **kw: Any,
) -> dict[str, Any]:
    """What Teams posts for a universal action: an ``adaptiveCard/action`` invoke on the card
    ``replyToId``."""
    return activity(
        service_url,
        conversation=conversation,
        type_="invoke",
        name="adaptiveCard/action",
        activity_id=kw.pop("activity_id", "f:invoke-1"),
        replyToId=kw.pop("replyToId", "fake-activity-1"),
        value={"action": {"type": action_type, "verb": "rolebot", "data": data}},
        **kw,
    )
