"""The cells of a roster workbook read as member values: headings and their variants, dates, phones,
sex, post, levels, and names matched to the reference lists with the closest suggestion.

Every reader returns the value or raises `CellProblem` with the reason in Chinese and English; the
import (db.roster_import) puts the cell's address on it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata

from . import today as office_clock
from .connection import Database


class CellProblem(Exception):
    def __init__(self, zh: str, en: str):
        super().__init__(zh)
        self.zh, self.en = zh, en


class FormulaWithoutValue:
    """A formula cell whose workbook holds no computed value (never opened and saved in Excel)."""

    def __init__(self, formula: str):
        self.formula = formula

    def __repr__(self) -> str:
        return f"FormulaWithoutValue({self.formula[:40]!r})"


# The headings as offices write them, normalized (no spaces, no *, half-width brackets) → column key.
HEADINGS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "委员姓名", "名字"),
    "sex": ("性别",),
    "ethnicity": ("民族",),
    "birth": ("出生年月", "出生日期", "出生年月日", "出生时间", "生日", "出生年份"),
    "party": ("党派", "政治面貌", "党派(政治面貌)", "党派面貌", "所属党派"),
    "sector": ("界别", "所属界别", "界别名称"),
    "post": ("职务", "政协职务", "委员职务"),
    "work_unit": ("工作单位及职务", "工作单位", "单位及职务", "工作单位和职务", "单位", "工作单位及职务职称"),
    "job_title": ("单位职务", "职称", "职务职称", "职务(职称)"),
    "phone": ("联系电话", "电话", "手机", "手机号码", "手机号", "联系方式", "电话号码"),
    "levels": ("委员层级", "层级", "委员类别", "委员级别"),
    "term": ("届次", "届别", "所属届次"),
    "groups": ("所属联络组", "联络组", "所在联络组", "委员联络组"),
    "expertise": ("专长", "特长", "专业特长", "专业专长"),
    "note": ("备注",),
}
_HEADING_KEY = {h: key for key, names in HEADINGS.items() for h in names}
# The layout the roster is exported in (and so imports back): column key → heading.
EXPORT_COLUMNS = (("name", "姓名"), ("sex", "性别"), ("ethnicity", "民族"), ("birth", "出生年月"),
                  ("party", "党派"), ("sector", "界别"), ("post", "职务"), ("work_unit", "工作单位"),
                  ("job_title", "单位职务"), ("phone", "联系电话"), ("levels", "委员层级"), ("term", "届次"),
                  ("groups", "所属联络组"), ("expertise", "专长"))
LABEL_EN = {"name": "Name", "sex": "Sex", "ethnicity": "Ethnicity", "birth": "Date of birth", "party": "Party",
            "sector": "Sector", "post": "Post", "work_unit": "Work unit", "job_title": "Job title",
            "phone": "Phone", "levels": "Levels", "term": "Term", "groups": "Liaison group",
            "expertise": "Expertise", "note": "Note"}
LABEL_ZH = {key: names[0] for key, names in HEADINGS.items()} | {"work_unit": "工作单位", "job_title": "单位职务"}

_SPACES = re.compile(r"\s+")


def plain(value) -> str:
    """Text as typed, with full-width digits, letters and punctuation made half-width (NFKC) and the
    spaces at either end (and the ideographic space U+3000) gone."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).replace("\u3000", " ")
    return _SPACES.sub(" ", text).strip()


def heading_key(value) -> str | None:
    text = _SPACES.sub("", plain(value)).replace("*", "").replace("※", "")
    return _HEADING_KEY.get(text)


def name_text(value) -> str:
    """A person's name: every space inside dropped too (offices pad two-character names: 王  芳)."""
    return _SPACES.sub("", plain(value))


# -- dates ----------------------------------------------------------------------------
_YMD = re.compile(r"^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*(?:[.\-/月]\s*(?:(\d{1,2})\s*日?)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def birth_month(value) -> tuple[int, int, int | None]:
    """(year, month, day or None) from an Excel date, a serial number, 1975.03, 1975年3月, 1975-03-08…"""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        found = (value.year, value.month, value.day)
    elif isinstance(value, float) and not value.is_integer() and 1900 <= value < 2100:
        # 1975.03 typed into a number cell; 1975.1 is read the way rosters write it: January
        year, frac = str(value).split(".")
        found = (int(year), int(frac[:2]) if len(frac) >= 2 else int(frac), None)
    elif isinstance(value, (int, float)) and 20_000 <= value <= 80_000:
        day = _EXCEL_EPOCH + dt.timedelta(days=int(value))
        found = (day.year, day.month, day.day)
    else:
        text = plain(value).replace(" ", "")
        m = _YMD.match(text) or _COMPACT.match(text)
        if not m:
            if re.fullmatch(r"\d{4}年?", text):
                raise CellProblem(f"出生年月只有年份“{text}”，请写到月份（如 1975.03）",
                                  f"the date of birth '{text}' has only a year: give the month too (1975.03)")
            raise CellProblem(f"看不懂的出生年月“{text[:20]}”（可写作 1975.03、1975年3月 或 1975-03-08）",
                              f"cannot read the date of birth '{text[:20]}' (write 1975.03, 1975年3月 or 1975-03-08)")
        found = (int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    year, month, day = found
    try:
        born = dt.date(year, month, day or 1)
    except ValueError:
        raise CellProblem(f"不存在的日期：{year}年{month}月" + (f"{day}日" if day else ""),
                          f"no such date: {year}-{month}" + (f"-{day}" if day else "")) from None
    if born.year < 1900 or born > office_clock.today():
        raise CellProblem(f"出生年月不合理：{born.isoformat()[:7]}", f"implausible date of birth: {born.isoformat()[:7]}")
    return found


def birth_text(found: tuple[int, int, int | None]) -> str:
    """As stored: a date; a month alone is kept as its first day."""
    year, month, day = found
    return f"{year:04d}-{month:02d}-{day or 1:02d}"


def same_birth(found: tuple[int, int, int | None], stored: str | None) -> bool:
    """Whether the roster's date agrees with the file's, to the file's precision (1975.03 agrees with 1975-03-08)."""
    if not stored:
        return False
    prefix = f"{found[0]:04d}-{found[1]:02d}" + (f"-{found[2]:02d}" if found[2] else "")
    return stored.startswith(prefix)


# -- phones ---------------------------------------------------------------------------
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3}-?)?[2-9]\d{6,7}(-\d{1,5})?$")


def phone_text(value) -> str:
    """One or more numbers (separated by 、 , ; /), each a mobile (11 digits) or a landline (0851-1234567)."""
    text = plain(value)
    parts = [p for p in re.split(r"[、,;/]+", text) if p.strip()]
    out = []
    for part in parts:
        p = re.sub(r"[\s()（）]", "", part)
        p = re.sub(r"^(\+?86)(?=1\d{10}$)", "", p)
        if _MOBILE.match(p) or _LANDLINE.match(p):
            out.append(p)
            continue
        if re.fullmatch(r"1\d{2}-\d{4}-\d{4}", p):       # a mobile written 139-0000-0013, as 139 0000 0013 is
            out.append(p.replace("-", ""))
            continue
        if re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", p):     # 1.38292E+10: Excel showed a number, then it became text
            raise CellProblem(f"电话号码“{part}”是科学计数法：Excel 把号码当作数字保存，后几位已经丢失。"
                              f"请把这一列的单元格格式设为“文本”，重新填写号码后再导入",
                              f"the phone '{part}' is in scientific notation: Excel stored it as a number and its last "
                              f"digits are lost; format the column as Text, type the numbers again and import again")
        digits = re.sub(r"\D", "", p)
        if digits.startswith("1") and len(digits) != 11:
            raise CellProblem(f"手机号码“{part}”应为 11 位数字（现为 {len(digits)} 位）",
                              f"the mobile number '{part}' should have 11 digits, not {len(digits)}")
        raise CellProblem(f"电话号码“{part[:30]}”不对（手机 11 位，座机如 0851-86801234）",
                          f"'{part[:30]}' is not a phone number (mobile: 11 digits; landline: 0851-86801234)")
    return "、".join(out)


def first_phone(phone: str | None) -> str:
    return re.split(r"[、,;/\s]", phone or "")[0].replace("-", "")


# -- small choices --------------------------------------------------------------------
def sex_code(value) -> str:
    text = plain(value).upper()
    if text in ("男", "M", "男性", "MALE"):
        return "M"
    if text in ("女", "F", "女性", "FEMALE"):
        return "F"
    raise CellProblem(f"性别应为“男”或“女”，不是“{text[:10]}”", f"sex must be 男 or 女, not '{text[:10]}'")


STANDING = ("常委", "常务委员", "政协常委", "常务")
ORDINARY = ("委员", "政协委员")


def post_code(value) -> str | None:
    """standing / member for 常委 / 委员; None for anything else (then it is a job title)."""
    text = plain(value).replace(" ", "")
    if text in STANDING:
        return "standing"
    if text in ORDINARY:
        return "member"
    return None


LEVEL_WORDS = (("national", "全国"), ("provincial", "省"), ("municipal", "市"), ("district", "区"),
               ("district", "县"))
LEVEL_ZH = {"national": "全国", "provincial": "省", "municipal": "市", "district": "区（县）"}


def level_codes(value) -> list[str]:
    out: list[str] = []
    for part in re.split(r"[、,;/\s]+", plain(value)):
        if not part:
            continue
        code = next((c for c, word in LEVEL_WORDS if word in part), None)
        if code is None:
            raise CellProblem(f"委员层级“{part[:20]}”不对（应为 全国、省、市、区（县）之一，可写多个，用顿号分开）",
                              f"member level '{part[:20]}' is not one of 全国, 省, 市, 区（县）")
        if code not in out:
            out.append(code)
    return out


def split_names(value) -> list[str]:
    return [p for p in (name_text(x) for x in re.split(r"[、,;/\n]+", plain(value))) if p]


# -- the reference lists --------------------------------------------------------------
# What offices write for an entry of the lists (normalized) → its code.
ALIASES: dict[str, dict[str, str]] = {
    "party": {"中国共产党党员": "ccp", "中国共产党员": "ccp", "中共": "ccp", "中国共产党": "ccp", "共产党员": "ccp", "党员": "ccp",
              "中共预备党员": "ccp", "民革": "rcckmt", "民盟": "cdl", "民建": "cdna", "民进": "capd",
              "农工党": "cpwdp", "农工民主党": "cpwdp", "致公党": "zgd", "九三学社": "jiusan", "九三": "jiusan",
              "无党派": "none", "无党派人士": "none", "群众": "masses"},
    "sector": {"中共": "ccp", "中共党员": "ccp", "无党派": "nonparty", "医卫界": "medicine", "医药卫生": "medicine",
               "教育": "education", "经济": "economy", "农业": "agriculture", "特邀人士": "specialinvited",
               "特别邀请人士": "specialinvited", "文艺界": "culture", "新闻界": "press", "宗教": "religion"},
    "ethnicity": {},
}
LIST_LABEL = {"party": ("党派", "party"), "sector": ("界别", "sector"), "ethnicity": ("民族", "ethnicity")}


class ReferenceMatcher:
    """A value of a reference list → its id, by name, English name, code or a common variant."""

    def __init__(self, db: Database, list_name: str):
        self.list_name = list_name
        rows = db.execute("SELECT id, code, name, name_en FROM reference_item WHERE list = ? AND deleted = 0 "
                          "ORDER BY sort, code", [list_name]).fetchall()
        self.names = [r[2] for r in rows]
        self.name_of = {r[0]: r[2] for r in rows}
        self.lookup: dict[str, str] = {}
        by_code = {r[1]: r[0] for r in rows}
        for variant, code in ALIASES.get(list_name, {}).items():
            if code in by_code:
                self.lookup[variant] = by_code[code]
        for rid, code, name, name_en in rows:
            self.lookup[name] = rid
            self.lookup[code.lower()] = rid
            if name_en:
                self.lookup[name_en.lower()] = rid
            if list_name == "ethnicity" and name.endswith("族"):
                self.lookup[name[:-1]] = rid

    def match(self, value) -> str:
        text = plain(value).replace(" ", "")
        rid = self.lookup.get(text) or self.lookup.get(text.lower())
        if rid:
            return rid
        zh, en = LIST_LABEL[self.list_name]
        hint = self.suggest(text)
        raise CellProblem(f"{zh}“{text[:20]}”不在{zh}名录中" + (f"，是不是“{hint}”？" if hint else ""),
                          f"the {en} '{text[:20]}' is not in the list" + (f"; did you mean '{hint}'?" if hint else ""))

    def suggest(self, text: str) -> str | None:
        """The closest name of the list (by the variants too): 中国共产党员 → 中共党员."""
        scored = []
        for candidate, rid in list(self.lookup.items()):
            ratio = difflib.SequenceMatcher(None, text, candidate).ratio()
            scored.append((ratio, self.name_of[rid]))
        scored.sort(key=lambda s: -s[0])
        return scored[0][1] if scored and scored[0][0] >= 0.5 else None
