"""The reports a person reads after sending or receiving: what was written where, what each package
brought (new, updated, unchanged, conflicts), what was refused and why, what to do about it, and what
to carry back. HTML for a QTextBrowser; links are actions the sync page handles:
`conflicts:`, `trust:<fingerprint>`, `carry-back:`."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from PySide6.QtCore import QObject

from desktop.models.sync import office_text, refusal_reason, size_text
from desktop.style import ERROR_COLOR

RED, GREEN, GREY = ERROR_COLOR, "#1e6b35", "#5b6472"
# Refusals whose short reason says all the engine's message says (a damaged file: damaged, nothing imported).
_SAID_BY_REASON = frozenset({"corrupt"})

# The engine's reasons name command-line steps (`trust FP`, `revoke FP`); in the window the same steps are the
# report's 确认这个密钥… link and the 同步 page's 停用密钥….
_STEPS = ((re.compile(r"运行 trust [0-9-]+"), "按下面的“确认这个密钥…”"),
          (re.compile(r"运行 revoke [0-9-]+"), "在“机构与密钥”中用“停用密钥…”"),
          (re.compile(r"run `trust [0-9-]+`"), "press “Confirm this key…” below"),
          (re.compile(r"`revoke [0-9-]+`"), "revoke the old key (Revoke its key… among the offices and keys)"))


def in_window(text: str) -> str:
    """An engine reason with its command-line steps said as the window's buttons."""
    for pattern, words in _STEPS:
        text = pattern.sub(words, text)
    return text


class SyncReport(QObject):
    """Builds the report texts (a QObject only for `self.tr`)."""

    def __init__(self, pick: Callable[[str, str], str], parent=None):
        super().__init__(parent)
        self._pick = pick

    def pick(self, zh: str, en: str) -> str:
        """The engine's reason in the interface language; its English words said as a sentence."""
        from desktop.errors_ui import as_sentence
        text = self._pick(zh, en)
        return as_sentence(text) if en and text == en else text

    # -- what to do about a problem -----------------------------------------------------
    def advice(self, code: str) -> str:
        texts = {
            "read_only": self.tr("The stick or folder cannot be written: it may be write-protected (check the small "
                                 "switch on the side of the stick) or read-only. Choose another folder or stick."),
            "disk_full": self.tr("The stick is full. Delete old package files from it, or use another stick."),
            "no_folder": self.tr("The folder is not there any more: was the USB stick removed? Insert it, choose it "
                                 "again and retry."),
            # (the reason itself already says to insert the stick again: only what it does not say)
            "no_stick": self.tr("The folder the stick left behind is on this computer's own disk: a package written "
                                "there would never have reached the stick."),
            "write_failed": self.tr("Writing failed: the stick may have been removed. Insert it and try again."),
            "no_key": self.tr("This office's key is not confirmed yet: receive its first package, then confirm its "
                              "fingerprint by phone on the Offices and keys tab."),
            "corrupt": self.tr("A stick pulled out while the file was written, or a file changed on the way, does "
                               "this. Ask the sending office to write the package again."),
            "untrusted_key": self.tr("Phone the sending office and compare the fingerprint digit by digit. If it "
                                     "matches, confirm the key and receive again."),
            "out_of_scope": self.tr("The package holds changes the sending office may not make. Tell that office and "
                                    "your technical contact."),
            "newer_version": self.tr("Update Liaison Desk on this computer; the file was kept and can be received "
                                     "after the update."),
            "missing_reference": self.tr("Receive the earlier packages from that office first, or ask it for a new "
                                         "package."),
            "wrong_key": self.tr("Ask the sending office to write a new package for this office."),
            "key_mismatch": self.tr("Do not use this file. Tell your technical contact."),
            "bad_origin": self.tr("Do not use this file. Tell your technical contact."),
            "bad_provenance": self.tr("The office that passed this package on changed, left out or made up changes "
                                      "of another office. Do not use this file. Tell your technical contact."),
            "relay_behind": self.tr("Nothing is wrong with the data: the office that wrote this package (its "
                                    "computer newly set up, say) has not yet received the latest package of its own "
                                    "parent office. Ask it to receive that package first and then write a new one "
                                    "for this office."),
            "own_package": self.tr("This package was written here: carry it to the office it is for."),
            "not_related": self.tr("This office does not exchange packages with the sender. Check that this is the "
                                   "right stick."),
            "unknown_office": self.tr("Receive the latest package from your parent office first (it brings the "
                                      "office register)."),
            "gone": self.tr("The file disappeared while it was read: was the USB stick removed? Insert it and "
                            "receive again."),
        }
        return texts.get(code, "")

    # -- receiving ------------------------------------------------------------------------
    def receive_html(self, outcome) -> str:
        parts = []
        if outcome.source_missing:
            parts.append(self._bad(self.tr("“%1” is not there: was the USB stick removed? Insert it, choose it "
                                           "again and receive.").replace("%1", escape(outcome.source))))
            return self._page(self.tr("Nothing was received"), parts)
        applied, refused = outcome.applied, outcome.refused
        already = [r for r in outcome.reports if r.status == "already"]
        summary = self.tr("%1 imported, %2 already imported before, %3 refused").replace(
            "%1", str(len(applied))).replace("%2", str(len(already))).replace("%3", str(len(refused)))
        parts.append(f"<p>{escape(summary)}</p>")
        conflicts = sum(len(r.conflicts) for r in applied)
        for r in outcome.reports:
            parts.append(self._one_report(r, outcome))
        if outcome.for_others:
            parts.append(f"<p style='color:{GREY}'>" + escape(self.tr(
                "%1 package(s) on it are for other offices; they were left as they are.").replace(
                "%1", str(outcome.for_others))) + "</p>")
        if conflicts:
            review = self.tr("Review them")
            parts.append(f"<p><b style='color:{RED}'>" + escape(self.tr("%1 conflict(s) to review").replace(
                "%1", str(conflicts))) + f"</b> — <a href='conflicts:'>{escape(review)}</a></p>")
        if outcome.cancelled:
            parts.append(self._bad(self.tr("Cancelled. The packages listed above were imported completely; the "
                                           "rest were not touched.")))
        parts.append(self._carry_back(outcome))
        title = self.tr("Received from %1").replace("%1", outcome.source)
        return self._page(title, parts)

    def receive_again_html(self, outcome, previous) -> str:
        """A second 接收并导入 on the same folder that found only packages imported already (a double click, or
        pressing it again to be sure): it says so above what the import before brought, which stays in view
        with what is owed in return."""
        from db.today import now_text
        note = self.tr("Checked again at %1: every package there for this office was imported already, nothing "
                       "changed. What the import before brought:").replace("%1", now_text()[11:16])
        return f"<p style='color:{GREY}'>{escape(note)}</p>" + self.receive_html(previous)

    def _one_report(self, r, outcome) -> str:
        head = escape(r.sender_name or r.file_name)
        if r.status == "applied":
            counts = self.tr("new %1, updated %2, unchanged %3").replace("%1", str(r.new)).replace(
                "%2", str(r.updated)).replace("%3", str(r.unchanged))
            sender = self.tr("From %1").replace("%1", r.sender_name)
            done = self.tr("imported")
            lines = [f"<b>{escape(sender)}</b> — <span style='color:{GREEN}'>{escape(done)}</span>", escape(counts)]
            if r.conflicts:
                lines.append(f"<span style='color:{RED}'>" + escape(self.tr("%1 conflict(s) to review").replace(
                    "%1", str(len(r.conflicts)))) + "</span>")
            for h in r.held:                     # a computer a relay reports: its changes wait for a phone call
                if h.kind == "first":
                    held = self.tr("Held back: the changes of a computer of %1 (%2 change(s)): no computer of that "
                                   "office is confirmed here yet, so they wait until its fingerprint is confirmed by "
                                   "phone; everything else was imported.")
                elif h.kind == "removed":
                    held = self.tr("Held back: the changes of a computer of %1 (%2 change(s)): a key of that office "
                                   "was removed here, so they wait until its fingerprint is confirmed by phone; "
                                   "everything else was imported.")
                elif h.kind == "depends":
                    held = self.tr("Held back: the changes of a computer of %1 (%2 change(s)) build on the records "
                                   "held above and wait until that computer is confirmed; everything else was "
                                   "imported.")
                else:
                    held = self.tr("Held back: the changes of another computer of %1 wait until its fingerprint is "
                                   "confirmed by phone (%2 change(s)); everything else was imported.")
                lines.append(f"<b style='color:{RED}'>" + escape(held.replace(
                    "%1", office_text(h.office_name, h.office_code)).replace("%2", str(h.changes))) + "</b>")
                lines.append(escape(in_window(self.pick(h.reason_zh, h.reason_en))))
                if h.fingerprint:
                    lines.append(f"<a href='trust:{escape(h.fingerprint)}'>" + escape(self.tr("Confirm this key…"))
                                 + "</a>")
            if r.held_back:                      # SECURITY.md P7: the relay held an author's value back
                lines.append(f"<b style='color:{RED}'>" + escape(self.tr(
                    "%1 value(s) were held back by the office that passed this package on: their author's signed "
                    "change arrived, but the package carries an older value. This office keeps its own value until "
                    "the author changes it again. If it happens again, phone the office that passed it on.").replace(
                    "%1", str(len(r.held_back)))) + "</b>")
                for zh, en in r.held_back[:5]:
                    lines.append("&nbsp;&nbsp;· " + escape(self.pick(zh, en)))
                if len(r.held_back) > 5:
                    lines.append("&nbsp;&nbsp;" + escape(self.tr("… and %1 more").replace(
                        "%1", str(len(r.held_back) - 5))))
            if r.blobs_written:
                lines.append(escape(self.tr("%1 attachment file(s)").replace("%1", str(r.blobs_written))))
            if r.clock_ahead:
                lines.append(escape(self.tr("%1 change(s) were dated more than a day ahead of this computer's clock "
                                            "(the other computer's clock may be wrong); imported and marked.")
                                    .replace("%1", str(r.clock_ahead))))
            if r.gaps:
                lines.append(escape(self.tr("Some earlier changes are still missing; the sender will include them "
                                            "in its next package.")))
            size = outcome.sizes.get(r.file_name)
            lines.append(f"<span style='color:{GREY}'>{escape(r.file_name)}"
                         f"{' · ' + escape(size_text(size)) if size is not None else ''}</span>")
            return "<p>" + "<br>".join(lines) + "</p>"
        if r.status == "already":
            return (f"<p><b>{head}</b> — " + escape(self.tr("already imported on %1; nothing changed").replace(
                "%1", (r.imported_at or "").replace("T", " ")[:16])) + f"<br><span style='color:{GREY}'>"
                f"{escape(r.file_name)}</span></p>")
        if r.status == "skipped":
            return f"<p style='color:{GREY}'>{escape(self.pick(r.reason_zh, r.reason_en))}</p>"
        code = "gone" if r.file_name in outcome.gone else r.code
        refused = self.tr("refused; nothing was changed")
        reason = refusal_reason(r.code) or r.reason_en
        if r.second_computer:                    # not a first package: the engine names whose computer, and who said so
            reason, said = in_window(self.pick(r.reason_zh, r.reason_en)), ""
        elif r.code == "untrusted_key" and r.fingerprint:        # the engine's words name a command-line step
            said = self.tr("The first package from %1. Its fingerprint: %2").replace(
                "%1", r.sender_name).replace("%2", r.fingerprint)
        elif r.code in _SAID_BY_REASON:          # the engine's words would only say the reason again
            said = ""
        else:
            said = self.pick(r.reason_zh, r.reason_en)
        lines = [f"<b>{escape(r.file_name)}</b> — <span style='color:{RED}'>{escape(refused)}</span>",
                 escape(self.tr("Reason: %1").replace("%1", reason))]
        if said:
            lines.append(escape(said))
        for d in r.details[:5]:
            lines.append("&nbsp;&nbsp;· " + escape(d))
        if len(r.details) > 5:
            lines.append("&nbsp;&nbsp;" + escape(self.tr("… and %1 more").replace("%1", str(len(r.details) - 5))))
        if (advice := self.advice(code)) and not r.second_computer:     # the engine's words say whom to phone
            lines.append("<b>" + escape(self.tr("What to do: %1").replace("%1", advice)) + "</b>")
        if r.code == "untrusted_key" and r.fingerprint:
            lines.append(f"<a href='trust:{escape(r.fingerprint)}'>" + escape(self.tr("Confirm this key…")) + "</a>")
        if r.kept:
            lines.append(escape(self.tr("The file was kept at %1").replace("%1", r.kept)))
        return "<p>" + "<br>".join(lines) + "</p>"

    def _carry_back(self, outcome) -> str:
        if outcome.cancelled:
            return ""
        if not outcome.carry_back:
            if outcome.applied:
                return "<p>" + escape(self.tr("To carry back: nothing — the offices that sent these packages have "
                                              "everything this office has for them.")) + "</p>"
            return ""
        names = self.tr(", ").join(office_text(c.office_name, c.office_code) for c in outcome.carry_back)
        total = sum(c.changes for c in outcome.carry_back)
        link = self.tr("Write the return package(s) to the same folder")
        return ("<p><b>" + escape(self.tr("To carry back: about %1 change(s) for %2.").replace("%1", str(total))
                                  .replace("%2", names)) + f"</b> <a href='carry-back:'>{escape(link)}</a></p>")

    # -- sending ----------------------------------------------------------------------------
    def send_html(self, outcome) -> str:
        parts = []
        for w in outcome.written:
            what = self.tr("%1 changes, %2 records, %3 attachment files").replace("%1", str(w.entries)).replace(
                "%2", str(w.rows)).replace("%3", str(w.blobs))
            if w.full:
                what += self.tr(" (everything it should hold: the first package, or it asked for all)")
            name = w.path.replace("\\", "/").rsplit("/", 1)[-1]
            who = self.tr("For %1").replace("%1", office_text(w.office_name, w.office_code))
            done = self.tr("written")
            lines = [f"<b>{escape(who)}</b> — <span style='color:{GREEN}'>{escape(done)}</span>", escape(what),
                     f"<span style='color:{GREY}'>{escape(name)}"
                     f"{' · ' + escape(size_text(w.size)) if w.size is not None else ''}</span>"]
            if w.missing_blobs:
                lines.append(f"<span style='color:{RED}'>" + escape(self.tr(
                    "%1 attachment file(s) are missing on this computer and were not included.").replace(
                    "%1", str(w.missing_blobs))) + "</span>")
            parts.append("<p>" + "<br>".join(lines) + "</p>")
        for f in outcome.failed:
            who = self.tr("For %1").replace("%1", office_text(f.office_name, f.office_code)) if f.office_name else ""
            not_written = self.tr("not written")
            lines = [f"<b>{escape(who)}</b> — " if who else "",
                     f"<span style='color:{RED}'>{escape(not_written)}</span>",
                     "<br>" + escape(self.pick(f.message_zh, f.message_en))]
            if advice := self.advice(f.code):
                lines.append("<br><b>" + escape(self.tr("What to do: %1").replace("%1", advice)) + "</b>")
            parts.append("<p>" + "".join(lines) + "</p>")
        if outcome.stopped and outcome.failed:
            if outcome.not_tried:
                rest = self.tr("For the same reason, not written either: %1.").replace(
                    "%1", self.tr(", ").join(outcome.not_tried))
                parts.append(f"<p><span style='color:{RED}'>{escape(rest)}</span></p>")
            parts.append("<p>" + escape(self.tr("Nothing half-written was left in the folder.")) + "</p>")
        if outcome.cancelled:
            parts.append(self._bad(self.tr("Cancelled. The packages listed above are complete; nothing half-written "
                                           "was left.")))
        if outcome.written:
            # "listed above": at a district, "the office(s) above" read as its parent, for a package to a township
            parts.append("<p>" + escape(self.tr("Carry the stick to the office(s) listed above; they receive the "
                                                "package on their Sync page.")) + "</p>")
        title = self.tr("Written to %1") if outcome.written else self.tr("Nothing written to %1")
        return self._page(title.replace("%1", outcome.folder), parts)

    # -- pieces -----------------------------------------------------------------------------
    @staticmethod
    def _bad(text: str) -> str:
        return f"<p style='color:{RED}'><b>{escape(text)}</b></p>"

    @staticmethod
    def _page(title: str, parts: list[str]) -> str:
        return f"<h3>{escape(title)}</h3>" + "".join(p for p in parts if p)
