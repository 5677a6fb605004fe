"""Comments on a section: add one (or a reply), close or reopen a thread."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stramien.web.errors import ActionError
from stramien.web.users import acting_user

from . import actions
from .forms import CommentForm
from .models import Comment
from .pages import programme_for
from .sections import BY_KEY


@login_required
@require_POST
def comment_add(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    programme = programme_for(request, slug)
    if key not in BY_KEY:
        raise Http404
    form = CommentForm(request.POST)
    target = reverse("programmes:section", args=[slug, key]) + "#opmerkingen"
    if not form.is_valid():
        messages.error(request, _("De opmerking is leeg of te lang (hoogstens 5000 tekens)."))
        return redirect(target)
    thread = None
    if form.cleaned_data.get("thread"):
        thread = Comment.objects.filter(programme=programme, pk=form.cleaned_data["thread"]).first()
        if thread is None:
            raise Http404
    try:
        actions.add_comment(
            acting_user=acting_user(request),
            programme=programme,
            section=key,
            body=form.cleaned_data["body"],
            thread=thread,
        )
    except ActionError as exc:
        messages.error(request, str(exc))
    return redirect(target)


@login_required
@require_POST
def comment_resolve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request, slug)
    comment = get_object_or_404(Comment, programme=programme, pk=pk)
    try:
        actions.resolve_comment(
            acting_user=acting_user(request),
            comment=comment,
            reopen=request.POST.get("reopen") == "1",
        )
    except ActionError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("programmes:section", args=[slug, comment.section]) + "#opmerkingen")
