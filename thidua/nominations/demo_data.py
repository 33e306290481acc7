"""Nominations demo: Cluster 6's 2023 proposals carried from the ballot to the decisions of Ban
Tổ chức Trung ương and the Prime Minister, and one revocation (figures in demo_plan).

Loaded by `manage.py load_demo` after the scoring demo (its closed 2023 ballot is the start);
everything goes through the nominations services as users would do it, with the demo accounts.
The services date what they do today, so the moves, appraisals, ballots and notices are dated
afterwards to the days of the plan. Loading it twice changes nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from unidecode import unidecode

from thidua.awards import services as awards
from thidua.awards.demo_data import decision_number, roster
from thidua.awards.demo_stories import own_body
from thidua.awards.models import AwardRecord, AwardType, Initiative, PersonRating, Rating, UnitYear
from thidua.ballots.models import BallotSession, Question, Round, SessionEvent
from thidua.ballots.services import rounds as ballot_rounds
from thidua.ballots.services import sessions as ballot_sessions
from thidua.ballots.services import voting
from thidua.campaigns import demo_plan as campaigns_plan
from thidua.campaigns.demo_data import at
from thidua.core.audit import save_audited
from thidua.core.models import Notification
from thidua.core.senders import sender_hash
from thidua.nominations import demo_plan as plan
from thidua.nominations.models import (
    Batch,
    BatchMove,
    Decision,
    Dossier,
    DossierAttachment,
    Feedback,
)
from thidua.nominations.services import council, decisions, dossiers, postings, revocation
from thidua.nominations.services import routing as moves
from thidua.nominations.services.appraisal import dossier_appraise
from thidua.nominations.services.from_ballot import batch_from_ballot
from thidua.nominations.services.verdicts import verdict_refresh
from thidua.org.models import Person, Unit

Kind = DossierAttachment.Kind
SYSTEM = None
OVERRIDE = (
    "Hội đồng Thi đua – Khen thưởng Ngành xét theo kết quả bỏ phiếu của Cụm thi đua số 6; "
    "thành tích do đơn vị xác nhận."
)


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    session = (
        BallotSession.objects.filter(
            cluster__number=campaigns_plan.CLUSTER_NUMBER,
            cluster__organiser__code=campaigns_plan.ORGANISER,
            year=plan.YEAR,
            status=BallotSession.Status.CLOSED,
        )
        .order_by("pk")
        .first()
    )
    if session is None or Batch.objects.filter(ballot_session=session).exists():
        return created
    with transaction.atomic():
        _Demo(session, created).run()
    return created


def tiny_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a few lines of text (ASCII: the standard fonts have no Vietnamese)."""
    text = [unidecode(title), "", *(unidecode(line) for line in lines)]
    ops = ["BT /F1 12 Tf 56 780 Td 16 TL"]
    ops += [f"({t.replace(chr(92), '').replace('(', '[').replace(')', ']')}) Tj T*" for t in text]
    stream = "\n".join([*ops, "ET"]).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def fresh(batch: Batch) -> Batch:
    """The proposal as the services left it (a dossier read through a stale proposal would be
    judged with the stale submission date)."""
    return Batch.objects.select_related("step", "route", "awarding_unit").get(pk=batch.pk)


class _Demo:
    def __init__(self, session: BallotSession, created: Counter[str]) -> None:
        self.session, self.created = session, created
        names = [plan.SECRETARIAT, plan.CLUSTER_OFFICER, *plan.OFFICERS.values()]
        self.users = get_user_model().objects.in_bulk(names, field_name="username")
        self.secretariat = self.users.get(plan.SECRETARIAT)
        self.awards = {a.code: a for a in AwardType.objects.all()}
        self.units = {u.code: u for u in Unit.objects.exclude(code="")}
        self.stamped: set[int] = set()
        last = Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
        self.notices_from = last or 0
        self.head = Person.objects.get(
            unit=self.units[plan.LEADER_UNIT], position=plan.HEAD_TITLE
        )  # fmt: skip

    def user(self, unit: Unit | None) -> Any:
        """The officer of the cluster member that prepares for `unit` (the leader's otherwise)."""
        for code, name in plan.OFFICERS.items():
            if unit is not None and unit.path.startswith(self.units[code].path):
                return self.users.get(name)
        return self.users.get(plan.OFFICERS[plan.LEADER_UNIT])

    def run(self) -> None:
        self.history()
        cluster_batch = self.cluster_proposal()
        first = self.decide(
            cluster_batch, plan.DECISION_1, abstract=plan.ABSTRACT_1,
            multipliers=plan.TYPED_MULTIPLIERS,
        )  # fmt: skip
        national = self.national_proposal()
        self.decide(
            national, plan.DECISION_2, abstract=plan.ABSTRACT_2, **plan.PM,
            signer_title=plan.PM_SIGNER_TITLE,
        )  # fmt: skip
        self.revoke(first)
        self.quiet_notices()

    # ---- history the engine needs (demo_plan: ILLUSTRATIVE) ------------------------------------
    def history(self) -> None:
        self.leading_unit()
        head, agency = self.head, plan.LEADER_UNIT
        for year in plan.HEAD_HTXS_YEARS:
            self.rating(head, year)
            self.grassroots_titles(head, agency, year)
        found = {}
        for title, year, scope, by, ref in plan.HEAD_INITIATIVES:
            found[year] = self.initiative(head, title, year, scope, by, ref)
        spec = plan.HEAD_EARLIER_CSTD_BO
        if not self.holds(head, "CSTD_BO", spec["year"]):
            awards.award_record_add(
                award=self.awards["CSTD_BO"], year=spec["year"], by=SYSTEM, person=head,
                period_start=spec["period_start"], decision_number=spec["number"],
                decision_date=spec["decided_on"], issuer="Ban Tổ chức Trung ương",
                initiatives=[found[spec["uses"]]],
            )  # fmt: skip
            self.created["awards received"] += 1
        for person, agency in self.merit_people():
            for year in plan.MERIT_HTXS_YEARS:
                self.rating(person, year)
            self.grassroots_titles(person, agency, plan.YEAR)
            for title, year in plan.MERIT_INITIATIVES:
                recognised_by = f"Hội đồng sáng kiến {self.units[agency].name}"
                self.initiative(person, title, year, "unit", recognised_by, "")

    def leading_unit(self) -> None:
        """The ballot's leading unit led the cluster's emulation in the engine's sense (facts:
        "selected as a cluster's leading unit"), which the flag needs (Law Art. 26(1))."""
        question = self.session.questions.get(kind=Question.Kind.LEADING_UNIT)
        unit = self.elected_units(question)[0]
        row = UnitYear.objects.filter(unit=unit, year=plan.YEAR).first()
        if row is None or row.led_cluster != UnitYear.Led.MINISTRY:
            awards.unit_year_set(
                unit=unit, year=plan.YEAR, by=SYSTEM, led_cluster=UnitYear.Led.MINISTRY
            )
            self.created["unit years"] += 1

    def elected_units(self, question: Question) -> list[Unit]:
        from thidua.ballots.selectors.sessions import question_outcome

        ids = question_outcome(question)["elected"]
        return [c.unit or c.person for c in question.candidates.filter(pk__in=ids).order_by("pk")]

    def merit_people(self) -> list[tuple[Person, str]]:
        """The six people the ballot elected who were on their unit's staff at the end of 2023
        (the others get no invented history: their dossiers pass on the council's word)."""
        question = self.session.questions.get(kind=Question.Kind.TITLE, award_code="BK_BTCTW")
        out = []
        for person in self.elected_units(question):
            agency = self.agency_of(person)
            if agency and person in roster(self.units[agency], plan.YEAR):
                out.append((person, agency))
        return out

    def agency_of(self, person: Person) -> str:
        path = person.unit.path if person.unit else ""
        return next((c for c in plan.OFFICERS if path.startswith(self.units[c].path)), "")

    def rating(self, person: Person, year: int) -> None:
        row = PersonRating.objects.filter(person=person, year=year).first()
        if row is None or row.rating != Rating.HTXS:
            awards.rating_set(person=person, year=year, rating=Rating.HTXS, by=SYSTEM)
            self.created["annual ratings"] += 1

    def holds(self, person: Person, code: str, year: int) -> bool:
        return AwardRecord.objects.filter(
            person=person, award__code=code, year=year, revoked=False
        ).exists()

    def grassroots_titles(self, person: Person, agency: str, year: int) -> None:
        """LĐTT and CSTĐCS (HTXS limb) by the person's own board, as the awards demo decides
        them (same numbers and day)."""
        body, on = own_body(agency), dt.date(year, *plan.OWN_DECISION_DAY)
        number = decision_number(agency, year, "LDTT")
        for code, ref, extra in (("LDTT", number, {}), ("CSTDCS", number + 1, {"limb": "htxs"})):
            if self.holds(person, code, year):
                continue
            awards.award_record_add(
                award=self.awards[code], year=year, by=SYSTEM, person=person,
                decision_number=body.ref(ref), decision_date=on, issuer=body.name, **extra,
            )  # fmt: skip
            self.created["awards received"] += 1

    def initiative(self, person: Person, title: str, year: int, scope: str, by: str, ref: str):
        found = Initiative.objects.filter(person=person, title=title).first()
        if found is None:
            found = awards.initiative_add(
                person=person, by=SYSTEM, title=title, year=year, scope=scope,
                recognised_by=by, recognition_ref=ref,
            )  # fmt: skip
            self.created["initiatives"] += 1
        return found

    # ---- proposal 1: the cluster's list --------------------------------------------------------
    def cluster_proposal(self) -> Batch:
        officer = self.users.get(plan.CLUSTER_OFFICER)
        btctw = self.units[plan.AWARDING_UNIT]
        batch = batch_from_ballot(session=self.session, awarding_unit=btctw, by=officer)
        code, unit = plan.EXTRA_COLLECTIVE
        leader = self.user(self.units[unit])
        dossiers.dossier_add(batch=batch, award=self.awards[code], unit=self.units[unit], by=leader)
        dossiers.dossier_add(
            batch=batch, award=self.awards[plan.EXTRA_HEAD_AWARD], person=self.head, by=leader
        )
        self.created["proposals"] += 1
        self.stamp(batch, plan.CLUSTER_DATED)
        self.prepare(batch)
        moves.batch_submit(
            batch=batch, by=leader, document_number=plan.CLUSTER_NUMBER,
            submitted_on=plan.CLUSTER_SUBMITTED,
        )  # fmt: skip
        self.stamp(batch, plan.CLUSTER_SUBMITTED)
        moves.batch_forward(batch=batch, by=officer, note="Cụm trưởng tổng hợp, trình Ban.")
        self.stamp(batch, plan.CLUSTER_FORWARDED)
        self.appraise(batch, plan.CLUSTER_APPRAISED)
        self.vote(batch, plan.COUNCIL_1)
        return batch

    def prepare(self, batch: Batch) -> None:
        """Each unit writes its report and attaches the papers its dossier needs (law.md §e.1)."""
        rows = batch.dossiers.select_related("award", "person__unit", "unit", "owner_unit")
        for dossier in rows.order_by("pk"):
            by = self.user(dossier.owner_unit)
            name = str(dossier.subject)
            summary = (
                f"{name}: hoàn thành xuất sắc nhiệm vụ năm {dossier.year}; đề nghị tặng "
                f"{dossier.award.name}."
            )
            dossiers.dossier_report_update(
                dossier=dossier, by=by,
                report={"summary": summary, "achievements": summary, "duties": ""},
            )  # fmt: skip
            papers = [(Kind.REPORT, "Báo cáo thành tích"), (Kind.EVIDENCE, "Minh chứng thành tích")]
            if dossier.award.kind == "title":
                papers.append((Kind.COUNCIL_MINUTES, "Biên bản họp Hội đồng Thi đua – Khen thưởng"))
            if dossier.award.code.startswith("CO_"):
                papers.append((Kind.CLUSTER_MINUTES, "Biên bản họp Cụm thi đua số 6"))
            if dossier.person_id:  # every individual award here rests on initiatives
                papers.append((Kind.INITIATIVE, "Quyết định công nhận sáng kiến"))
            for kind, title in papers:
                content = tiny_pdf(title, [name, dossier.award.name, f"Nam {dossier.year}"])
                upload = SimpleUploadedFile(f"{kind}.pdf", content, "application/pdf")
                dossiers.attachment_add(
                    dossier=dossier, uploaded_file=upload, kind=kind, title=title,
                    certified=True, by=by,
                )  # fmt: skip
                self.created["dossier attachments"] += 1

    def appraise(self, batch: Batch, day: dt.date) -> None:
        batch = fresh(batch)
        for dossier in batch.dossiers.filter(status=Dossier.Status.INCLUDED).order_by("pk"):
            verdict_refresh(dossier=dossier, by=self.secretariat)
            ineligible = dossier.verdict_status == "ineligible"
            dossier_appraise(
                dossier=dossier, by=self.secretariat, checklist={}, result="passed",
                note="Hồ sơ đầy đủ thành phần theo quy định.",
                override_reason=OVERRIDE if ineligible else "",
            )  # fmt: skip
        Dossier.objects.filter(batch=batch).update(appraised_at=at(day, 10))
        moves.batch_forward(batch=batch, by=self.secretariat, note="Đã thẩm định.")
        self.stamp(batch, day, 15)

    def vote(self, batch: Batch, day: dt.date) -> None:
        """The sector's council meets and votes; every member marks every nominee."""
        session = council.council_session_create(batch=batch, by=self.secretariat, meeting_date=day)
        ballot_sessions.session_open(session=session, by=self.secretariat)
        for question in session.questions.order_by("order", "pk"):
            rnd = question.rounds.order_by("-number").first()
            everyone = list(rnd.candidates.values_list("pk", flat=True))
            for voter in session.voters.order_by("pk"):
                voting.ballot_cast(round=rnd, voter=voter, candidate_ids=everyone, by=None)
                self.created["ballots"] += 1
            ballot_rounds.round_close(round=rnd, by=self.secretariat)
        ballot_sessions.session_close(session=session, by=self.secretariat)
        self.created["ballot sessions"] += 1
        BallotSession.objects.filter(pk=session.pk).update(
            opened_at=at(day, 8), closed_at=at(day, 11)
        )
        SessionEvent.objects.filter(session=session).update(at=at(day, 9))
        Round.objects.filter(question__session=session).update(
            opened_at=at(day, 9), closed_at=at(day, 10)
        )
        council.council_results_apply(batch=batch, by=self.secretariat)
        moves.batch_forward(batch=batch, by=self.secretariat, note="Hội đồng đã xét, bỏ phiếu.")
        self.stamp(batch, day, 11)

    # ---- proposal 2: Chiến sĩ thi đua toàn quốc --------------------------------------------------
    def national_proposal(self) -> Batch:
        unit = self.units[plan.LEADER_UNIT]
        officer = self.user(unit)
        batch = dossiers.batch_create(
            proposer=unit, awarding_unit=self.units[plan.AWARDING_UNIT], year=plan.YEAR,
            title=plan.NATIONAL_TITLE, by=officer, award_codes=["CSTDTQ"],
        )  # fmt: skip
        dossiers.dossier_add(batch=batch, award=self.awards["CSTDTQ"], person=self.head, by=officer)
        self.created["proposals"] += 1
        self.prepare(batch)
        moves.batch_submit(
            batch=batch, by=officer, document_number=plan.NATIONAL_NUMBER,
            submitted_on=plan.NATIONAL_SUBMITTED,
        )  # fmt: skip
        self.stamp(batch, plan.NATIONAL_SUBMITTED)
        self.appraise(batch, plan.NATIONAL_APPRAISED)
        self.post(batch)
        self.vote(batch, plan.COUNCIL_2)
        moves.batch_forward(batch=batch, by=self.secretariat, note="Trình Thủ tướng Chính phủ.")
        self.stamp(batch, plan.NATIONAL_FORWARDED, 14)
        return batch

    def post(self, batch: Batch) -> None:
        """Public posting for 10 working days, one citizen's feedback, answered."""
        posting = postings.posting_open(
            batch=batch, by=self.secretariat, opened_on=plan.POSTING_OPENED
        )
        self.created["postings"] += 1
        spec = plan.FEEDBACK
        # feedback_submit dates a message today and refuses it once the window has ended, so
        # the demo's message of 2024 is written as the service would have written it.
        feedback = Feedback(
            posting=posting, dossier=postings.posted_dossiers(batch).first(), name=spec["name"],
            contact=spec["contact"], content=spec["content"],
            sender_hash=sender_hash("demo-citizen"),
        )  # fmt: skip
        save_audited(feedback, by=None)
        postings.feedback_triage(
            feedback=feedback, status=Feedback.Status.RESOLVED, note=spec["note"],
            by=self.secretariat, dossier=feedback.dossier,
        )  # fmt: skip
        Feedback.objects.filter(pk=feedback.pk).update(
            created_at=at(spec["sent_on"], 10), triaged_at=at(spec["triaged_on"], 15)
        )
        self.created["feedback"] += 1
        moves.batch_forward(batch=batch, by=self.secretariat, note="Hết thời gian công khai.")
        self.stamp(batch, posting.ends_on + dt.timedelta(days=1))

    # ---- decisions and the revocation ------------------------------------------------------------
    def decide(
        self, batch: Batch, numbered: tuple[int, dt.date], *, multipliers: dict | None = None,
        **header: Any,
    ) -> Decision:  # fmt: skip
        number, signed_on = numbered
        batch = fresh(batch)
        # The secretariat checks every nominee once more before the decision is signed.
        for dossier in batch.dossiers.filter(status=Dossier.Status.INCLUDED).order_by("pk"):
            verdict_refresh(dossier=dossier, by=self.secretariat)
        Dossier.objects.filter(batch=batch).update(verdict_at=at(signed_on, 8))
        if "issuer_name" not in header:
            header |= {"signer_name": self.btctw_head(), "signer_title": plan.HEAD_TITLE}
        else:
            header["issuer"] = None
        draft = decisions.decision_from_batch(
            batch=batch, by=self.secretariat, year=signed_on.year, place=plan.PLACE, **header
        )
        for line in draft.lines.select_related("award").order_by("order"):
            if line.multiplier is None and line.award.code in (multipliers or {}):
                decisions.line_update(
                    line=line, by=self.secretariat, multiplier=multipliers[line.award.code]
                )
        decision = decisions.decision_issue(
            decision=draft, by=self.secretariat, number=number, signed_on=signed_on
        )
        Decision.objects.filter(pk=decision.pk).update(issued_at=at(signed_on, 16))
        self.stamp(batch, signed_on, 16)
        self.created["decisions"] += 1
        self.created["decision lines"] += decision.lines.count()
        return decision

    def btctw_head(self) -> str:
        head = Person.objects.filter(unit=self.units[plan.AWARDING_UNIT], position=plan.HEAD_TITLE)
        return head.values_list("full_name", flat=True).order_by("pk").first() or ""

    def revoke(self, decision: Decision) -> None:
        """One Bằng khen revoked: the person off their unit's 2023 staff, else the last one."""
        lines = list(
            decision.lines.filter(award__code="BK_BTCTW").select_related("person").order_by("order")
        )
        merit = {person.pk for person, _agency in self.merit_people()}
        doubtful = [line for line in lines if line.person_id not in merit]
        line = (doubtful or lines)[plan.REVOKED_LINE]
        done = revocation.line_revoke(line=line, by=self.secretariat, **plan.REVOCATION)
        revocation.recovery_record(
            revocation=done, amount=done.amount_to_recover, by=self.secretariat, **plan.RECOVERY
        )
        self.created["revocations"] += 1

    # ---- dates -------------------------------------------------------------------------------
    def stamp(self, batch: Batch, day: dt.date, hour: int = 9) -> None:
        """Date the moves just made to the plan's day (the services record today)."""
        fresh = BatchMove.objects.filter(batch=batch).exclude(pk__in=self.stamped)
        ids = list(fresh.values_list("pk", flat=True))
        BatchMove.objects.filter(pk__in=ids).update(at=at(day, hour))
        Batch.objects.filter(pk=batch.pk).update(step_entered_at=at(day, hour), step_due_on=None)
        self.stamped.update(ids)
        self.created["proposal moves"] += len(ids)

    def quiet_notices(self) -> None:
        """The notices the moves sent belong to 2024: they are history, not news."""
        fresh = Notification.objects.filter(pk__gt=self.notices_from, read_at__isnull=True)
        fresh.filter(Q(kind__startswith="nominations.") | Q(kind="feedback")).update(
            read_at=at(plan.DECISION_2[1], 17)
        )
