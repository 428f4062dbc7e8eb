"""Demo data: people's names, units and places of Guiyang, drawn from a seeded random.Random.

Names cover the Han majority, the Miao (苗族), Bouyei (布依族) and Dong (侗族) people of Guizhou,
names written with a middle dot (阿依古丽·买买提), and a few characters outside the basic CJK
block (𠇔 in Extension B, 䶮 in Extension A) or outside GB2312 (堃 喆 頔 祎 昇 镕), so that search,
lists and printed minutes meet them in the demo database.
"""

from __future__ import annotations

import random

# Common surnames, most frequent first (weights fall off with rank); Guizhou has many 杨 罗 龙.
HAN_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
                "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹"
                "薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
HAN_SURNAME_WEIGHTS = tuple(1 / (i + 8) for i in range(len(HAN_SURNAMES)))
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "令狐")

MALE_CHARS = "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"
FEMALE_CHARS = "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽"
# Outside GB2312 (堃喆頔祎昇镕) or outside the basic block (䶮 Ext A, 𠇔 Ext B): fonts must fall back.
RARE_CHARS = ("堃", "喆", "頔", "祎", "昇", "镕", "䶮", "𠇔")

# Surnames and given-name characters frequent among Guizhou's Miao, Bouyei and Dong people.
MINORITY = {
    "miao": ("龙杨吴石麻潘王张熊韦欧", "金银花妹秀珍光德昌顺老岩阿保里丢雄英桥宝"),
    "buyei": ("韦罗王黄岑陆班莫蒙卢杨", "秀英美桂兰乃朝廷昌德光文布贵学方仕"),
    "dong": ("吴杨石龙粟欧潘林姚", "银花秀莲美培志宏光耀明学元秀"),
}
# Written with a middle dot; ethnicity code for each.
DOT_NAMES = (("阿依古丽·买买提", "uyghur", "F"), ("艾力·吐尔逊", "uyghur", "M"),
             ("古丽米拉·阿不都", "uyghur", "F"), ("迪丽娜尔·艾买提", "uyghur", "F"),
             ("买买提·依明", "uyghur", "M"), ("巴特尔·其木格", "mongol", "M"))
# Placed in the first group so the smallest demo has every hard case.
SHOWCASE = (("王𠇔", "han", "M"), ("阿依古丽·买买提", "uyghur", "F"), ("龙金花", "miao", "F"), ("李䶮", "han", "M"),
            ("韦秀英", "buyei", "F"), ("吴银花", "dong", "F"), ("张堃", "han", "M"), ("陈喆", "han", "M"),
            ("刘頔", "han", "F"), ("赵祎", "han", "F"), ("孙昇", "han", "M"), ("欧阳镕", "han", "M"))
ETHNIC_WEIGHTS = (("han", 62), ("miao", 12), ("buyei", 12), ("dong", 4), ("tujia", 2), ("yi", 2),
                  ("gelao", 1), ("shui", 1), ("hui", 2), ("bai", 1), ("dot", 1))

ROADS = ("中华南路", "中华北路", "解放路", "宝山北路", "宝山南路", "延安东路", "延安西路", "北京路", "遵义路",
         "瑞金南路", "瑞金北路", "市府路", "合群路", "都司路", "富水南路", "枣山路", "黔灵西路", "金阳南路",
         "林城西路", "长岭北路", "花溪大道", "甲秀南路", "贵黄路", "南明路", "友谊路", "威清路", "浣纱路",
         "新添大道", "龙洞堡大道", "百花大道", "观山东路", "黄河路", "清水江路", "小河路", "兴筑路")
COMMUNITY_STEMS = ("幸福", "和平", "阳光", "碧水", "金桥", "翠微", "龙井", "枫叶", "春晖", "兴隆", "文昌", "富源",
                   "东山", "黔灵", "宝山", "油榨", "新寨", "太慈", "金竹", "甲秀", "南湖", "望城", "湖滨",
                   "花溪", "五里", "沙河", "金阳", "世纪城", "松山", "百花", "会展", "长坡", "水塘", "云关")
VILLAGE_STEMS = ("新寨", "大坡", "高寨", "石门", "龙井", "青岩", "平寨", "马场", "岩脚", "水田", "茶园", "桐木",
                 "凉水", "杉木", "坪上", "麦坪", "河边", "红岩", "松林", "竹林", "小河", "羊场", "田坝", "沙坝")
ENTERPRISE_STEMS = ("黔丰", "筑城", "林城", "贵鑫", "山泉", "云岭", "黔福", "鑫达", "华康", "百灵", "绿源", "泰和")
SCHOOLS = ("实验小学", "第一中学", "第二小学", "第六中学", "职业技术学校", "外国语学校", "中心小学", "民族中学")
HOSPITALS = ("人民医院", "中医医院", "妇幼保健院", "社区卫生服务中心", "第二人民医院", "口腔医院")


def weighted(rng: random.Random, pairs) -> str:
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for value, w in pairs:
        x -= w
        if x < 0:
            return value
    return pairs[-1][0]


def han_name(rng: random.Random, sex: str) -> str:
    if rng.random() < 0.006:
        surname = rng.choice(COMPOUND_SURNAMES)
    else:
        surname = rng.choices(HAN_SURNAMES, HAN_SURNAME_WEIGHTS)[0]
    pool = MALE_CHARS if sex == "M" else FEMALE_CHARS
    chars = [rng.choice(pool) for _ in range(1 if rng.random() < 0.3 else 2)]
    if rng.random() < 0.012:
        chars[-1] = rng.choice(RARE_CHARS)
    return surname + "".join(chars)


def person(rng: random.Random) -> tuple[str, str, str]:
    """(name, sex, ethnicity code) of a member."""
    sex = "M" if rng.random() < 0.64 else "F"
    eth = weighted(rng, ETHNIC_WEIGHTS)
    if eth == "dot":
        name, eth, sex = rng.choice(DOT_NAMES)
        return name, sex, eth
    if eth in MINORITY:
        surnames, given = MINORITY[eth]
        pool = given + (MALE_CHARS[:40] if sex == "M" else FEMALE_CHARS[:40])
        n = 1 if rng.random() < 0.35 else 2
        return rng.choice(surnames) + "".join(rng.choice(pool) for _ in range(n)), sex, eth
    return han_name(rng, sex), sex, eth


def staff_name(rng: random.Random) -> str:
    return han_name(rng, "F" if rng.random() < 0.6 else "M")


def phone(rng: random.Random) -> str:
    return rng.choice(("139", "138", "136", "158", "185", "187", "151", "177")) + f"{rng.randrange(10**8):08d}"


def community(rng: random.Random) -> str:
    return rng.choice(COMMUNITY_STEMS) + "社区"


def village(rng: random.Random) -> str:
    return rng.choice(VILLAGE_STEMS) + "村"


def address(rng: random.Random, district: str, township: str, *, rural: bool) -> str:
    if rural:
        return f"{district}{township}{village(rng)}{rng.choice(('村委会', '组', '便民服务中心'))}"
    return f"{district}{rng.choice(ROADS)}{rng.randint(1, 399)}号"


# (sector code, party code or None for "by weight", work units, job titles, expertise)
SECTOR_PROFILES = (
    ("ccp", "ccp", ("{d}{t}党工委", "{d}人民政府", "{d}发展和改革局"), ("党工委书记", "副区长", "局长", "主任"),
     "基层治理、党建引领"),
    ("cdl", "cdl", ("贵州大学", "贵州师范大学", "{d}{school}"), ("教授", "副教授", "校长", "高级教师"), "教育、文化"),
    ("cdna", "cdna", ("贵州{ent}实业有限公司", "贵阳{ent}商贸有限公司"), ("董事长", "总经理"), "企业经营、营商环境"),
    ("capd", "capd", ("{d}{school}", "贵阳市教育局"), ("校长", "高级教师", "教研员"), "基础教育"),
    ("cpwdp", "cpwdp", ("{d}{hospital}", "贵州医科大学附属医院"), ("主任医师", "副院长", "护士长"), "医疗卫生、公共卫生"),
    ("jiusan", "jiusan", ("贵州省农业科学院", "贵阳学院", "{d}科技局"), ("研究员", "高级工程师", "副教授"), "科技、农业技术"),
    ("rcckmt", "rcckmt", ("贵州{ent}律师事务所", "{d}司法局"), ("律师", "主任", "公证员"), "法律服务、矛盾调解"),
    ("zgd", "zgd", ("贵阳{ent}进出口有限公司", "{d}侨联"), ("总经理", "副主席"), "侨务、对外贸易"),
    ("nonparty", "none", ("贵阳{ent}建筑设计院", "贵州{ent}文化传媒有限公司"), ("总建筑师", "总经理"), "城市规划、文化"),
    ("economy", None, ("贵州{ent}集团有限公司", "{d}{t}{ent}农民专业合作社"), ("董事长", "理事长", "财务总监"),
     "产业发展、乡村振兴"),
    ("agriculture", None, ("{d}{t}{village}村民委员会", "{d}农业农村局", "{d}{t}{ent}种养殖合作社"),
     ("村党支部书记", "村委会主任", "农艺师", "理事长"), "乡村振兴、农村饮水"),
    ("medicine", None, ("{d}{hospital}", "{t}卫生院"), ("主任医师", "院长", "副主任护师"), "医疗卫生、养老服务"),
    ("education", None, ("{d}{school}", "{t}中心学校"), ("校长", "高级教师", "园长"), "教育、学校周边安全"),
    ("socialwelfare", None, ("{d}民政局", "{d}{t}养老服务中心", "{d}残疾人联合会"), ("主任", "院长", "理事长"),
     "养老服务、社会救助"),
    ("minority", None, ("{d}民族宗教事务局", "{d}{t}{village}村民委员会"), ("副局长", "村委会主任", "苗绣传承人"),
     "民族团结、非遗传承"),
    ("women", None, ("{d}妇女联合会", "{d}{t}{community}居委会"), ("副主席", "社区主任"), "妇女儿童、家庭教育"),
    ("youth", None, ("共青团{d}委员会", "贵阳{ent}科技有限公司"), ("副书记", "创始人"), "青年创业、数字经济"),
    ("business", None, ("贵阳{ent}商贸有限公司", "{d}工商业联合会"), ("总经理", "副主席"), "民营经济、商圈建设"),
    ("culture", None, ("{d}文化馆", "贵州{ent}文化传媒有限公司"), ("馆长", "一级演员", "画家"), "文化惠民"),
    ("union", None, ("{d}总工会", "贵阳{ent}物业服务有限公司"), ("副主席", "项目经理"), "职工权益、物业管理"),
    ("science", None, ("{d}科学技术协会", "贵州{ent}大数据有限公司"), ("秘书长", "高级工程师"), "大数据、智慧社区"),
    ("press", None, ("贵阳日报社", "{d}融媒体中心"), ("记者", "主任"), "舆情、宣传"),
    ("sports", None, ("{d}体育运动学校", "{d}全民健身中心"), ("教练", "主任"), "全民健身"),
    ("specialinvited", None, ("{d}公安分局", "{d}人民法院"), ("副局长", "审判员"), "平安建设"),
)
PARTY_WEIGHTS = (("ccp", 50), ("masses", 22), ("none", 6), ("cdl", 4), ("cdna", 4), ("capd", 3), ("cpwdp", 3),
                 ("jiusan", 3), ("rcckmt", 2), ("zgd", 1))


def member_profile(rng: random.Random, district: str, township: str) -> dict:
    """Sector, party, work unit, job title and expertise codes/texts of one member."""
    sector, party, units, titles, expertise = rng.choice(SECTOR_PROFILES)
    if party is None:
        party = weighted(rng, PARTY_WEIGHTS)
    unit = rng.choice(units).format(
        d=district, t=township, school=rng.choice(SCHOOLS), hospital=rng.choice(HOSPITALS),
        ent=rng.choice(ENTERPRISE_STEMS), village=rng.choice(VILLAGE_STEMS), community=community(rng))
    return {"sector": sector, "party": party, "work_unit": unit, "job_title": rng.choice(titles),
            "expertise": expertise}
