"""A demo network: the city, two districts and two townships of each, every office a database of its
own in its own data folder, set up the way real offices are (SYNC.md "Keys and first contact").

    offices = build_network(folder, seed=1, progress=print)

The city's database is filled with demo data (`demo.generate(..., "network")`), every office's rows
written by that office's node. Each district is then installed from the city's setup file, each
township from its district's, every key confirmed after its first package, and packages carried
both ways until every office holds what it should. Afterwards it is an ordinary network: a change
made at a township reaches the city through its district by packages, and the city's 交办 reach
the township the other way.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .connection import Database
from .database import open_database, set_setting
from .errors import StateError
from .offices import GUIYANG_CODE

DB_NAME = "liaison-desk.sqlite3"
STICK = "U盘"
NETWORK_TASK = "老旧小区加装电梯专项民主监督"          # what the city hands down when the network is made
NETWORK_SUBTASK = "走访老旧小区，收集加装电梯意见"    # the part each district hands to its townships


@dataclass
class NetworkOffice:
    code: str
    name: str
    level: str            # city | district | township
    parent_code: str | None
    folder: Path
    fingerprint: str = ""

    @property
    def path(self) -> Path:
        return self.folder / DB_NAME


def _folder_name(level: str, code: str) -> str:
    return f"{level}-{code}"


def build_network(folder: str | Path, seed: int = 1, *, today: dt.date | None = None,
                  progress: Callable[[str], None] | None = None) -> list[NetworkOffice]:
    """Make the network in `folder` (new or empty); returns its offices, city first."""
    from . import demo
    from .sync.keys import node_keys

    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StateError(f"文件夹 {folder} 不是空的：演示网络只能建在新的或空的文件夹中",
                         f"{folder} is not empty: the demo network goes into a new or empty folder",
                         code="not_empty")
    say = progress or (lambda _text: None)
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    done = False
    stick = folder / ".stick"          # the USB stick the packages travel on; removed at the end
    dbs: dict[str, Database] = {}
    try:
        city_db = open_database(_new_folder(folder, "city", GUIYANG_CODE) / DB_NAME)
        say("市政协：生成演示数据 / the city: demo data")
        demo.generate(city_db, "network", seed, today=today)
        from .permissions import DEMO_SETTING
        from .sync.computers import set_confirms_relayed_keys
        set_setting(city_db, DEMO_SETTING, None)     # from here on every office keeps the real rules,
        set_confirms_relayed_keys(city_db, True)     # as a city set up by a person does (SECURITY.md R6d)
        offices = _offices(city_db, folder)
        dbs[offices[0].code] = city_db
        for o in offices[1:]:            # districts first (the list is in tree order)
            say(f"{o.name}：用上级的安装文件安装、核对密钥 / installed from its parent's setup file")
            dbs[o.code] = _install(dbs[o.parent_code], o, stick)
        say("同步：乡镇 → 区县 → 市 → 区县 → 乡镇 / syncing up and down")
        settle(dbs, offices, stick)
        say("交办：市 → 区县 → 乡镇，乡镇反馈 / an assignment handed down, an answer sent up")
        hand_down(dbs, offices, stick)
        for o in offices:
            o.fingerprint = node_keys(dbs[o.code]).fingerprint
        (folder / STICK).mkdir(exist_ok=True)     # a folder that stands for the USB stick, to choose on 同步
        done = True
        return offices
    finally:
        for db in dbs.values():
            if done:
                from . import search
                search.catch_up(db, chunk=20000)        # what the imports added, as the window would
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.conn.close()
        shutil.rmtree(stick, ignore_errors=True)
        if not done:                   # half a network is worth nothing: leave the folder as it was
            for child in list(folder.iterdir()) if folder.exists() else ():
                shutil.rmtree(child, ignore_errors=True)
            if made:
                shutil.rmtree(folder, ignore_errors=True)


def _new_folder(root: Path, level: str, code: str) -> Path:
    f = root / _folder_name(level, code)
    f.mkdir(parents=True)
    return f


def _offices(city_db: Database, root: Path) -> list[NetworkOffice]:
    """The city, the demo's districts and the townships that run a liaison group, in tree order."""
    from .demo import NETWORK_DISTRICTS
    city = city_db.execute("SELECT o.code, o.name FROM office o JOIN node_state n ON n.office_id = o.id").fetchone()
    out = [NetworkOffice(city[0], city[1], "city", None, root / _folder_name("city", city[0]))]
    townships = city_db.execute(
        "SELECT DISTINCT o.code, o.name, p.code FROM liaison_group g JOIN office o ON o.id = g.office_id "
        "JOIN office p ON p.id = o.parent_id WHERE g.deleted = 0 ORDER BY o.code").fetchall()
    for code in NETWORK_DISTRICTS:
        name = city_db.execute("SELECT name FROM office WHERE code = ?", [code]).fetchone()[0]
        out.append(NetworkOffice(code, name, "district", city[0], root / _folder_name("district", code)))
    for code, name, parent in townships:
        out.append(NetworkOffice(code, name, "township", parent, root / _folder_name("township", code)))
    return out


def _install(parent: Database, office: NetworkOffice, stick: Path) -> Database:
    """What two offices do on the first day: setup file and passcode down, first package up, the
    fingerprint confirmed by phone (trust), then the parent's first package down."""
    from .sync.keys import trust
    from .sync.setup import init_from_setup, make_setup_file
    office.folder.mkdir(parents=True, exist_ok=True)
    sf = make_setup_file(parent, office.code, stick)
    init_from_setup(office.path, sf.path, sf.passcode)
    sf.path.unlink()
    child = open_database(office.path)
    parent_code = parent.execute("SELECT o.code FROM office o JOIN node_state n ON n.office_id = o.id").fetchone()[0]
    first = _carry(child, parent, parent_code, stick, first_contact=True)
    trust(parent, first.fingerprint)
    _carry(child, parent, parent_code, stick)
    _carry(parent, child, office.code, stick)
    return child


def _carry(frm: Database, to: Database, to_code: str, stick: Path, *, first_contact: bool = False,
           phoned: set[str] = frozenset()):
    """One package from `frm` to `to`. `phoned`: the fingerprints the receiving clerk would confirm by phone when
    the package relays a computer it has never heard from (the city, R6d): those held back are confirmed
    (trust) and the same file imported again, as the report tells a person to do."""
    from .sync.export import export_package
    from .sync.importer import import_path
    from .sync.keys import trust
    path = export_package(frm, to_code, stick).path
    try:
        (rep,) = import_path(to, path)
        if rep.status == "applied" and rep.held and all(h.fingerprint in phoned for h in rep.held):
            for h in rep.held:
                trust(to, h.fingerprint)
            (rep,) = import_path(to, path)
    finally:
        path.unlink(missing_ok=True)
    want = "refused" if first_contact else "applied"
    if rep.status != want or (first_contact and rep.code != "untrusted_key") or (want == "applied" and rep.held):
        raise StateError(f"演示网络同步失败：{rep.reason_zh or rep.status}",
                         f"the demo network did not sync: {rep.reason_en or rep.status}; " + "; ".join(rep.details[:3]),
                         code="demo_network")
    return rep


def settle(dbs: dict[str, Database], offices: list[NetworkOffice], stick: Path) -> None:
    """One round trip: every township to its district, the districts to the city, and back down."""
    from .sync.keys import node_keys
    below = [o for o in offices if o.parent_code]
    townships = {node_keys(dbs[o.code]).fingerprint for o in below if o.level == "township"}
    for level in ("township", "district"):
        for o in below:
            if o.level == level:
                _carry(dbs[o.code], dbs[o.parent_code], o.parent_code, stick, phoned=townships)
    for level in ("district", "township"):
        for o in below:
            if o.level == level:
                _carry(dbs[o.parent_code], dbs[o.code], o.code, stick)


def hand_down(dbs: dict[str, Database], offices: list[NetworkOffice], stick: Path) -> None:
    """交办 down the network and 反馈 up, through the real steps and packages: the city hands a task to its
    districts, each district receives it and hands a part to its townships; the first township of each
    district answers (the answer reaches its district, which has it to review), the second has it waiting
    to be received — for a person to answer and carry up."""
    from . import assignments as asg
    from . import today as office_clock
    due = (office_clock.today() + dt.timedelta(days=30)).isoformat()
    city = offices[0]
    districts = [o for o in offices if o.level == "district"]

    def office_id(code: str) -> str:
        return dbs[city.code].execute("SELECT id FROM office WHERE code = ?", [code]).fetchone()[0]

    def received(db: Database, code: str, title: str) -> str:
        return db.execute("SELECT id FROM assignment WHERE office_id = ? AND title = ? AND deleted = 0 "
                          "ORDER BY sent_at DESC, rowid DESC LIMIT 1", [office_id(code), title]).fetchone()[0]

    asg.create_assignment(dbs[city.code], to=[office_id(d.code) for d in districts],
                          title=NETWORK_TASK, due_date=due, source_kind="instruction",
                          request="请组织辖区委员联络组围绕老旧小区加装电梯开展走访和协商，形成意见建议，按期反馈。",
                          source_text="市政协主席会议要求：把加装电梯作为本年度民主监督重点。")
    settle(dbs, offices, stick)
    for d in districts:
        mine = received(dbs[d.code], d.code, NETWORK_TASK)
        asg.receive(dbs[d.code], mine)
        towns = [o for o in offices if o.parent_code == d.code]
        asg.create_assignment(dbs[d.code], to=[office_id(t.code) for t in towns], parent_id=mine,
                              title=NETWORK_SUBTASK, due_date=due,
                              request="请各街道委员联络组走访辖区老旧小区，收集居民对加装电梯的意见，反馈区政协。")
    settle(dbs, offices, stick)
    for d in districts:
        first = next(o for o in offices if o.parent_code == d.code)
        mine = received(dbs[first.code], first.code, NETWORK_SUBTASK)
        asg.start(dbs[first.code], mine)
        asg.answer(dbs[first.code], mine, "已组织委员走访辖区老旧小区3个，收集居民意见27条，"
                                          "主要集中在费用分摊和低层住户补偿，已形成意见建议。")
    settle(dbs, offices, stick)
