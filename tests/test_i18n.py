# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Translations: the .pot follows the code, and French applies everywhere."""

import re
from pathlib import Path

import polib

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.translate import TranslationModuleReader

MODULE = "account_mgmt_addon"
I18N = Path(__file__).resolve().parent.parent / MODULE / "i18n"
REGENERATE = (
    "run make pot (or: .venv/bin/python -m odoo -c .local/odoo.conf -d <db> "
    "-u account_mgmt_addon --stop-after-init, then .venv/bin/python -m odoo "
    "-c .local/odoo.conf -d <db> "
    "--i18n-export=account_mgmt_addon/i18n/account_mgmt_addon.pot "
    "--modules=account_mgmt_addon --stop-after-init), then add the new terms "
    "with their translations to fr.po and es.po (msgmerge --update <lang>.po "
    "account_mgmt_addon.pot, translate, then oca-checks-po --fix <lang>.po)"
)


def _msgids(path):
    return {entry.msgid for entry in polib.pofile(str(path)) if not entry.obsolete}


@tagged("post_install", "-at_install")
class TestI18nFiles(TransactionCase):
    def test_pot_matches_code(self):
        """Every term of the installed module is in the .pot, and only those."""
        # A file the extractor can't read (e.g. an f-string among the arguments
        # of _()) loses all its terms on both sides: fail on it too.
        with self.assertNoLogs("odoo.tools.translate", "ERROR"):
            reader = TranslationModuleReader(self.env.cr, [MODULE])
        exported = {
            source
            for module, __, __, __, source, __, __ in reader
            if module == MODULE and source
        }
        in_pot = _msgids(I18N / f"{MODULE}.pot")
        missing = sorted(exported - in_pot)
        stale = sorted(in_pot - exported)
        self.assertFalse(
            missing or stale,
            f"{MODULE}.pot is out of date ({len(missing)} new terms, e.g. "
            f"{missing[:3]}; {len(stale)} gone, e.g. {stale[:3]}): {REGENERATE}",
        )

    def test_po_files_complete(self):
        """fr.po and es.po translate every term of the .pot, placeholders kept."""
        in_pot = _msgids(I18N / f"{MODULE}.pot")
        for lang in ("fr", "es"):
            po = polib.pofile(str(I18N / f"{lang}.po"))
            # A translation identical to the source is left empty (OCA
            # po-pretty-format), with the translator comment "Same as the source."
            translated = {
                entry.msgid: entry.msgstr or entry.msgid
                for entry in po
                if not entry.obsolete
                and not entry.fuzzy
                and (entry.msgstr or "Same as the source." in entry.tcomment)
            }
            missing = sorted(in_pot - translated.keys())
            self.assertFalse(
                missing,
                f"{lang}.po lacks {len(missing)} translations, e.g. {missing[:3]}: "
                f"{REGENERATE}",
            )
            for msgid, msgstr in translated.items():
                for placeholder in _placeholders(msgid):
                    self.assertIn(
                        placeholder, msgstr, f"{lang}.po: {msgid!r} -> {msgstr!r}"
                    )


def _placeholders(text):
    """The %(name)s and %s placeholders of a message."""
    return re.findall(r"%\(\w+\)[sdf]|%[sd]", text)


@tagged("post_install", "-at_install")
class TestFrench(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            [MODULE], ["fr_FR"], overwrite=True
        )
        cls.user = new_test_user(
            cls.env,
            login="i18n_francoise",
            name="Françoise Chargée",
            groups="base.group_user,account_mgmt_addon.group_account_manager",
            lang="fr_FR",
        )
        # What the web client does for a French user: lang in the context.
        cls.env = cls.env(user=cls.user, context=dict(cls.env.context, lang="fr_FR"))

    def test_labels_in_french(self):
        self.assertEqual(self.env.lang, "fr_FR")
        fields = self.env["account_mgmt.interaction"].fields_get(
            ["partner_id", "duration", "direction"], ["string", "selection"]
        )
        self.assertEqual(fields["partner_id"]["string"], "Compte client")
        self.assertEqual(fields["duration"]["string"], "Durée (heures)")
        self.assertEqual(
            fields["direction"]["selection"],
            [("outbound", "Sortante"), ("inbound", "Entrante")],
        )
        menu = self.env.ref(f"{MODULE}.menu_root")
        self.assertEqual(menu.name, "Gestion des comptes clients")
        # English still there for other users
        self.assertEqual(menu.with_context(lang="en_US").name, "Account Management")

    def test_error_in_french(self):
        account = (
            self.env["res.partner"]
            .sudo()
            .create({"name": "Boulangerie Dupont", "is_company": True})
        )
        call = self.env.ref(f"{MODULE}.interaction_type_call")
        with self.assertRaises(ValidationError) as error:
            self.env["account_mgmt.interaction"].create(
                {"partner_id": account.id, "type_id": call.id, "duration": 30.0}
            )
        self.assertIn("doit être comprise entre 0 et 24 heures", str(error.exception))
        self.assertIn("(elle est de 30.0)", str(error.exception))
