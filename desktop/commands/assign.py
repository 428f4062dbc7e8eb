"""交办 / 反馈 on the command line (db.assignments): hand work down, answer it, review answers, see the chain.

    assign --to CODE[,CODE…] --title T [--text T] [--due YYYY-MM-DD] [--source KIND] [--source-text T]
           [--parent ID] [--file F …]                          prints the new assignment's number
    assignments [--state S] [--sent | --received]              one a line: id, state, from, to, due
    assignments --show ID                                      the whole timeline across offices
    answer ID --text T [--file F …]                            the receiver answers (签收 included)
    answer ID --receive | --start                              the receiver: 签收 / 开始办理
    answer ID --accept [--note T] [--office CODE]              the sender accepts the answer (办结)
    answer ID --return REASON [--office CODE]                  the sender sends it back
    answer ID --withdraw REASON [--office CODE]                the sender withdraws it while not answered or sent back (撤回)
    answer ID --withdraw-parts [REASON]                        withdrawn or done above: withdraw the parts handed down
    answer ID --keep-parts [NOTE]                              done above: keep the parts handed down open on purpose
"""

from __future__ import annotations

from desktop.cli import Failed, db_path, open_db


def register(sub, common) -> None:
    from db.assignments import SOURCE_LABELS, STATUSES
    p = sub.add_parser("assign", parents=[common], help="向直接下级机构交办事项 / hand work to offices directly below",
                       description="向直接下级机构交办事项（领导批示、督办事项、社情民意、协商共识等）；输出交办编号。")
    p.add_argument("--to", required=True, metavar="CODE[,CODE…]", help="接收机构的代码 / codes of the "
                                                                       "receiving offices")
    p.add_argument("--title", required=True, help="交办事项（一句话） / what it is, in one line")
    p.add_argument("--text", help="交办内容（要求做什么） / what is asked")
    p.add_argument("--due", metavar="YYYY-MM-DD", help="办理时限 / due date")
    p.add_argument("--source", choices=tuple(SOURCE_LABELS), default="other",
                   help="来源：instruction 领导批示、follow_up 督办事项、opinion_report 社情民意、consensus 协商共识、"
                        "other 其他 / where it comes from: a leader's instruction, a follow-up, a public-opinion "
                        "report, a consensus item, other")
    p.add_argument("--source-text", metavar="TEXT", help="领导批示或来源（文字） / the leader's instruction "
                                                         "or where it came from, in words")
    p.add_argument("--parent", metavar="ID", help="收到的交办：把其中一部分再交给下级 / a received "
                                                  "assignment this hands a part of further down")
    p.add_argument("--file", action="append", default=[], metavar="FILE", help="附加文件（可重复） / attach "
                                                                               "a file (repeatable)")
    p.set_defaults(func=cmd_assign)

    p = sub.add_parser("assignments", parents=[common], help="列出交办和收到的事项，或显示一项 / list assignments sent and received, or "
                       "show one",
                       description="列出本机构交办和收到的事项（每行：编号、状态、交办机构、接收机构、时限），"
                                   "或用 --show 显示一项的完整办理过程。")
    p.add_argument("--state", choices=STATUSES, help="只列此状态（overdue：已过时限、未反馈） / only this "
                                                     "state (overdue: past due, not answered)")
    way = p.add_mutually_exclusive_group()
    way.add_argument("--sent", action="store_true", help="只列本机构发出的 / only what this office sent")
    way.add_argument("--received", action="store_true", help="只列本机构收到的 / only what this office "
                                                             "received")
    p.add_argument("--show", metavar="ID", help="一项交办在各机构间的完整经过 / the whole timeline of one "
                                                "assignment, across offices")
    p.set_defaults(func=cmd_assignments)

    p = sub.add_parser("answer", parents=[common], help="签收、反馈交办，或审核通过、退回反馈 / answer an assignment, or accept or send "
                       "back an answer",
                       description="接收机构：签收、开始办理、反馈；交办机构：审核通过（办结）、退回，或撤回尚未反馈、已退回重办的交办。")
    p.add_argument("id", metavar="ID", help="交办的编号 / the assignment's id or number")
    act = p.add_mutually_exclusive_group(required=True)
    act.add_argument("--text", help="反馈内容 / the answer")
    act.add_argument("--receive", action="store_true", help="签收 / confirm receipt")
    act.add_argument("--start", action="store_true", help="开始办理 / start work")
    act.add_argument("--accept", action="store_true", help="交办方：审核通过（办结） / sender: accept the answer")
    act.add_argument("--return", dest="return_reason", metavar="REASON", help="交办方：退回反馈 / sender: "
                                                                              "send the answer back")
    act.add_argument("--withdraw", dest="withdraw_reason", metavar="REASON",
                     help="交办方：撤回尚未反馈或已退回重办的交办 / sender: withdraw an assignment "
                          "not answered yet, or sent back")
    act.add_argument("--withdraw-parts", dest="parts_reason", nargs="?", const=True, metavar="REASON",
                     help="收到的交办被交办方撤回后：撤回本机构由它转交下级、仍在办理的全部部分（理由：未给出时用交办方的）；"
                          "反馈已通过（已办结）而下级部分仍未办结时也可用 / "
                          "an assignment received and withdrawn by its sender: withdraw every part still open that "
                          "this office handed down from it (the reason: the sender's, unless given); also when "
                          "its answer was accepted while parts below are still open")
    act.add_argument("--keep-parts", dest="keep_note", nargs="?", const=True, metavar="NOTE",
                     help="收到并已办结（反馈已通过）的交办：有意保留转交下级的部分，不再提示撤回 / an "
                          "assignment received and done (answer accepted): keep the parts handed down from "
                          "it open on purpose, so that this office is no longer asked to withdraw them")
    p.add_argument("--note", help="与 --accept 一起：备注 / with --accept: a remark")
    p.add_argument("--office", metavar="CODE", help="交办方：交给多个机构时，指明哪一个 / sender: which "
                                                    "receiving office, when it went to several")
    p.add_argument("--file", action="append", default=[], metavar="FILE", help="与 --text 一起：附加文件 / "
                                                                               "with --text: attach a file")
    p.set_defaults(func=cmd_answer)


def _db(args):
    path = db_path(args)
    if not path.exists():
        raise Failed(f"数据库文件不存在：{path}", f"database not found: {path}")
    return open_db(args)


def _nonblank(value: str | None, zh: str, en: str) -> None:
    if value is not None and not value.strip():
        raise Failed(f"{zh}不能为空", f"{en} is empty")


def cmd_assign(args) -> int:
    from db.assignments import create_assignment
    db = _db(args)
    _nonblank(args.title, "标题", "the title")
    ids = []
    for code in (c.strip() for c in args.to.split(",")):
        if not code:
            continue
        row = db.execute("SELECT id FROM office WHERE code = ? AND deleted = 0", [code]).fetchone()
        if row is None:
            raise Failed(f"找不到代码为 {code} 的机构", f"no office with code {code}")
        ids.append(row[0])
    parent = None
    if args.parent:
        from db.assignments import find
        parent = find(db, args.parent.strip(), side="received").id
    batch = create_assignment(db, to=ids, title=args.title, request=args.text, due_date=args.due,
                              source_kind=args.source, source_text=args.source_text, parent_id=parent,
                              files=args.file)
    print(batch)
    return 0


def cmd_assignments(args) -> int:
    from db import assignments as A
    db = _db(args)
    if args.show:
        print(A.chain_text(db, args.show.strip()))
        return 0
    direction = "sent" if args.sent else "received" if args.received else None
    rows = A.list_assignments(db, status=args.state, direction=direction)
    for a in rows:
        flags = " overdue" if a.overdue else ""
        print(f"{a.batch_id}\t{a.status}{flags}\t{a.sender_code}\t{a.receiver_code}\t{a.due_date or '-'}\t{a.title}")
    if not rows:
        print("没有交办事项 / no assignments")
    return 0


def cmd_answer(args) -> int:
    from db import assignments as A
    db = _db(args)
    ref = args.id.strip()
    if args.accept or args.return_reason is not None or args.withdraw_reason is not None:
        a = A.find(db, ref, side="sent", office_code=(args.office or "").strip() or None)
        if args.withdraw_reason is not None:
            _nonblank(args.withdraw_reason, "撤回理由", "the reason")
            A.withdraw(db, a.id, args.withdraw_reason)
            print(f"已撤回交给{a.receiver_name}的交办，下次同步时告知对方 / withdrawn: {a.receiver_code} is told "
                  f"with the next sync package")
        elif args.accept:
            below = A.parts_open_below(db, a.id)
            A.accept_answer(db, a.id, args.note)
            print(f"已审核通过，{a.receiver_name}的交办已办结 / answer accepted: {a.receiver_code} done")
            if below:
                names = "、".join(f"{p.receiver_name}（{p.status_zh}）" for p in below)
                print(f"注意：{a.receiver_name}转交下级的部分仍在办理：{names}；下次同步后{a.receiver_name}会被提示撤回或保留 / "
                      f"note: {len(below)} parts {a.receiver_code} handed down are still open below; after the next "
                      f"sync {a.receiver_code} is asked to withdraw or keep them")
        else:
            _nonblank(args.return_reason, "退回理由", "the reason")
            A.return_answer(db, a.id, args.return_reason)
            print(f"已退回{a.receiver_name} / sent back to {a.receiver_code}")
        return 0
    a = A.find(db, ref, side="received")
    if args.parts_reason is not None:
        given = args.parts_reason if isinstance(args.parts_reason, str) else None     # True: no reason given
        parts = A.withdraw_parts(db, a.id, given)
        _print_parts(parts)
        print(f"已撤回转交下级的 {len(parts)} 项，下次同步时告知各机构 / withdrew {len(parts)} parts handed down; "
              f"each office is told with its next sync package")
        return 0
    if args.keep_note is not None:
        note = args.keep_note if isinstance(args.keep_note, str) else None
        parts = A.keep_parts(db, a.id, note)
        _print_parts(parts)
        print(f"已保留转交下级的 {len(parts)} 项继续办理，不再提示撤回 / kept {len(parts)} parts handed down open; "
              f"no longer asked to withdraw them")
        return 0
    if args.receive:
        A.receive(db, a.id)
        print(f"已签收 / received: {a.title}")
    elif args.start:
        A.start(db, a.id)
        print(f"已开始办理 / started: {a.title}")
    else:
        _nonblank(args.text, "反馈内容", "the answer")
        rnd = A.answer(db, a.id, args.text, files=args.file)
        print(f"已反馈（第{rnd}次），下次同步时报送{a.sender_name} / answered (round {rnd}); "
              f"it goes to {a.sender_code} with the next sync package")
    return 0


def _print_parts(parts) -> None:
    """The parts handed down a step took, a line each: id, office code and name, status, title."""
    for p in parts:
        print(f"{p.id}\t{p.receiver_code}\t{p.receiver_name}\t{p.status}\t{p.title}")
