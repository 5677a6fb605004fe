"""Makes ``main-before-apps.sqlite3.gz``: a database as the code before the web layer was
split into apps (commit 30778c7) left it. Kept to show how the fixture was made; it runs
only against that commit's source:

    git worktree add /tmp/old 30778c7
    PYTHONPATH=/tmp/old/src python tests/web/data/make_main_before_apps.py DB examples/small.yaml
"""

import os
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = "stramien.web.settings"
os.environ["DATABASE_URL"] = "sqlite:///" + sys.argv[1]
os.environ["STRAMIEN_PRERENDER"] = "0"

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from stramien.io import load_agreement  # noqa: E402
from stramien.web.accounts import actions as account_actions  # noqa: E402
from stramien.web.accounts.models import NotificationPreference  # noqa: E402
from stramien.web.programmes import actions, approvals  # noqa: E402
from stramien.web.programmes.models import Membership  # noqa: E402

# The smallest valid PNG (1 x 1 pixel).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)

call_command("migrate", verbosity=0)
users = get_user_model().objects
regisseur = users.create_user("regisseur", "r@example.org", "x", first_name="Rita")
partner = users.create_user("partner", "p@example.org", "x", first_name="Piet")
programme = actions.create_programme(acting_user=regisseur, agreement=load_agreement(sys.argv[2]))
party = programme.head_document["partnership"]["partners"][0]["id"]
Membership.objects.create(programme=programme, user=partner, role="partner", party_id=party)
document = dict(programme.head_document)
document["ambition"] = {**document["ambition"], "statement": "Samen maken we de wijk sterker."}
actions.save_document(
    acting_user=regisseur, programme=programme, document=document, base_number=1, message="kern"
)
actions.store_attachment(
    acting_user=regisseur, programme=programme, data=PNG, original_name="beeld.png"
)
thread = actions.add_comment(
    acting_user=regisseur, programme=programme, section="ambitie", body="Klopt dit?"
)
actions.add_comment(
    acting_user=partner, programme=programme, section="ambitie", body="Ja.", thread=thread
)
account_actions.invite(
    acting_user=regisseur, programme=programme, email="new@example.org", role="lezer"
)
NotificationPreference.objects.create(user=partner, email_enabled=False)
programme.refresh_from_db()
approvals.propose(acting_user=regisseur, programme=programme, number=programme.head_number)
