"""Reference lists (sectors, parties, ethnic groups, meeting and visit kinds, follow-up
categories, guest kinds): data, written by the city office and carried down by sync."""

from __future__ import annotations

from dataclasses import dataclass

from .connection import Database
from .write import writing

# (code, 中文, English)
DEFAULT_LISTS: dict[str, list[tuple[str, str, str]]] = {
    "sector": [(c, z, e) for c, z, e in [
        ("ccp", "中国共产党", "Communist Party of China"), ("rcckmt", "民革", "RCCK"),
        ("cdl", "民盟", "China Democratic League"), ("cdna", "民建", "CDNCA"),
        ("capd", "民进", "CAPD"), ("cpwdp", "农工党", "CPWDP"), ("zgd", "致公党", "China Zhi Gong Party"),
        ("jiusan", "九三学社", "Jiusan Society"), ("nonparty", "无党派人士", "Non-party"),
        ("cyl", "共青团", "Communist Youth League"), ("union", "工会", "Trade unions"),
        ("women", "妇联", "Women's federation"), ("youth", "青联", "Youth federation"),
        ("business", "工商联", "Federation of industry and commerce"),
        ("science", "科协", "Science and technology"), ("overseas", "侨联", "Returned overseas Chinese"),
        ("culture", "文化艺术界", "Culture and arts"), ("education", "教育界", "Education"),
        ("economy", "经济界", "Economy"), ("agriculture", "农业界", "Agriculture"),
        ("medicine", "医药卫生界", "Medicine and health"), ("sports", "体育界", "Sports"),
        ("press", "新闻出版界", "Press and publishing"), ("socialwelfare", "社会福利和社会保障界", "Social welfare"),
        ("minority", "少数民族界", "Ethnic minorities"), ("religion", "宗教界", "Religion"),
        ("specialinvited", "特邀", "Specially invited"),
    ]],
    "party": [
        ("ccp", "中共党员", "CPC member"), ("rcckmt", "民革党员", "RCCK member"), ("cdl", "民盟盟员", "CDL member"),
        ("cdna", "民建会员", "CDNCA member"), ("capd", "民进会员", "CAPD member"),
        ("cpwdp", "农工党党员", "CPWDP member"), ("zgd", "致公党党员", "CZGP member"),
        ("jiusan", "九三学社社员", "Jiusan member"), ("none", "无党派人士", "Non-party"),
        ("masses", "群众", "No party"),
    ],
    "ethnicity": [
        ("han", "汉族", "Han"), ("miao", "苗族", "Miao"), ("buyei", "布依族", "Bouyei"), ("dong", "侗族", "Dong"),
        ("tujia", "土家族", "Tujia"), ("yi", "彝族", "Yi"), ("gelao", "仡佬族", "Gelao"), ("shui", "水族", "Shui"),
        ("hui", "回族", "Hui"), ("bai", "白族", "Bai"), ("yao", "瑶族", "Yao"), ("zhuang", "壮族", "Zhuang"),
        ("mongol", "蒙古族", "Mongol"), ("uyghur", "维吾尔族", "Uyghur"), ("manchu", "满族", "Manchu"),
        ("other", "其他", "Other"),
    ],
    "meeting_kind": [
        ("consultation", "协商议事会", "Consultation meeting"), ("forum", "座谈会", "Forum"),
        ("study", "学习会", "Study session"), ("inspection", "视察", "Inspection"),
        ("research", "调研", "Field research"), ("proposal", "提案办理协商", "Proposal consultation"),
    ],
    "visit_kind": [
        ("reception", "坐诊", "Reception day"), ("outreach", "出诊（走访）", "Outreach visit"),
        ("joint", "会诊", "Joint consultation"),
    ],
    "followup_category": [
        ("livelihood", "民生保障", "Livelihood"), ("elderly", "养老服务", "Elderly care"),
        ("education", "教育", "Education"), ("health", "医疗卫生", "Health"),
        ("environment", "生态环境", "Environment"), ("traffic", "交通出行", "Transport"),
        ("housing", "住房与物业", "Housing"), ("economy", "产业发展", "Economy"),
        ("governance", "基层治理", "Community governance"), ("safety", "安全生产", "Safety"),
        ("other", "其他", "Other"),
    ],
    "guest_kind": [
        ("resident", "群众代表", "Residents"), ("department", "部门工作人员", "Department staff"),
        ("expert", "专家学者", "Experts"), ("deputy", "人大代表", "People's congress deputies"),
        ("other", "其他", "Other"),
    ],
}


@dataclass(frozen=True)
class RefItem:
    id: str
    list: str
    code: str
    name: str
    name_en: str | None
    sort: int


def seed_reference_lists(db: Database, office_id: str) -> int:
    """Write the default lists that are not there yet (by list and code); returns rows added."""
    have = {(r[0], r[1]) for r in db.execute(
        "SELECT list, code FROM reference_item WHERE deleted = 0").fetchall()}
    rows = []
    for lst, items in DEFAULT_LISTS.items():
        for i, (code, zh, en) in enumerate(items):
            if (lst, code) not in have:
                rows.append({"list": lst, "code": code, "name": zh, "name_en": en, "sort": i})
    if rows:
        with writing(db) as w:
            w.insert_many("reference_item", rows, office_id=office_id)
    return len(rows)


def items(db: Database, list_name: str, *, include_deleted: bool = False) -> list[RefItem]:
    where = "list = ?" + ("" if include_deleted else " AND deleted = 0")
    return [RefItem(*r) for r in db.execute(
        f"SELECT id, list, code, name, name_en, sort FROM reference_item WHERE {where} ORDER BY sort, code",
        [list_name]).fetchall()]


def id_by_code(db: Database, list_name: str) -> dict[str, str]:
    return {i.code: i.id for i in items(db, list_name)}
