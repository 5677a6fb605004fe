"""E-mail about comments (see ``stramien.web.accounts.notifications`` for who gets mail)."""

from __future__ import annotations

from stramien.web.accounts.notifications import send_to

from .models import Comment


def comment_reply(reply: Comment) -> int:
    thread = reply.thread
    if thread is None:
        return 0
    people = {c.author.pk: c.author for c in [thread, *thread.replies.all()]}
    people.pop(reply.author.pk, None)
    return send_to(
        people.values(),
        f"Reactie op uw opmerking: {reply.programme.name}",
        f"{reply.author.get_full_name() or reply.author.get_username()} reageerde:\n\n"
        f"{reply.body}\n",
    )
