"""The platform simulator's data: deterministic, consistent with sample_people.json.

Dates are relative to a "today" (by default the real date in China time when the simulator
starts; tests pin it): an application promised 10 days ago and still 审查中 is overdue on any
day the simulator runs, so "overdue" stays meaningful. Everything else (办件编号, certificate
numbers, verification codes, the catalogue) is fixed, so a typed 办件编号 works every day.

Per sample person (valid ID cards only; the card with the wrong check character has no data):
several applications in different states — one overdue, one returned or not accepted with its
reason, one finished with an e-certificate, one freshly accepted — and 2-3 e-certificates.
The promised date counts calendar days here (a real platform counts working days).
"""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ..platform.models import CHINA_TZ, LEVEL_NAMES
from ..masking import mask_id_number, mask_name

SAMPLE_PEOPLE = Path(__file__).resolve().parent / "sample_people.json"
REGION = "150626"
PORTAL = "https://zwfw.example.invalid"          # stands in for the 一网办 portal
MOBILE = "https://mobile.example.invalid/mengsuban"
CATALOGUE_VERSION = "150626-2026.11"
RATING_OPTIONS_VERSION = "nmg-hcp-2026.1"

DEPARTMENTS = (
    ("SCJG", "乌审旗市场监督管理局"),
    ("BDC", "乌审旗不动产登记中心"),
    ("RSJ", "乌审旗人力资源和社会保障局"),
    ("YBJ", "乌审旗医疗保障局"),
    ("GAJ", "乌审旗公安局"),
    ("MZJ", "乌审旗民政局"),
    ("WJW", "乌审旗卫生健康委员会"),
    ("NMJ", "乌审旗农牧局"),
    ("SWJ", "国家税务总局乌审旗税务局"),
)

ID_COPY = ("申请人居民身份证", "原件", 1, True, None)

# code, name, department, kind, promised days (0 = 即办), fee, self-service, materials
ITEMS: tuple[tuple, ...] = (
    ("150626010001", "个体工商户设立登记", "SCJG", "行政许可", 3, "不收费", False, (
        ("个体工商户登记（备案）申请书", "原件", 1, True, None), ("经营者身份证明", "原件", 1, True, None),
        ("经营场所使用证明", "复印件", 1, True, "自有房产提供不动产权证书，租赁提供租赁合同"))),
    ("150626010002", "企业设立登记", "SCJG", "行政许可", 3, "不收费", False, (
        ("公司登记（备案）申请书", "原件", 1, True, None), ("公司章程", "原件", 1, True, None),
        ("股东主体资格证明", "复印件", 1, True, None), ("法定代表人、董事、监事和经理的任职文件", "原件", 1, True, None),
        ("住所使用相关文件", "复印件", 1, True, None))),
    ("150626010003", "食品经营许可", "SCJG", "行政许可", 10, "不收费", False, (
        ("食品经营许可申请书", "原件", 1, True, None), ("营业执照", "复印件", 1, True, None),
        ("与食品经营相适应的主要设备设施布局、操作流程等文件", "原件", 1, True, None),
        ("食品安全管理制度", "原件", 1, True, None))),
    ("150626020001", "不动产首次登记", "BDC", "行政确认", 5, "按规定收取登记费", False, (
        ("不动产登记申请书", "原件", 1, True, None), ID_COPY, ("土地权属来源证明", "原件", 1, True, None),
        ("不动产权籍调查成果", "原件", 1, True, None))),
    ("150626020002", "不动产转移登记", "BDC", "行政确认", 5, "按规定收取登记费", False, (
        ("不动产登记申请书", "原件", 1, True, None), ID_COPY, ("不动产权证书", "原件", 1, True, None),
        ("不动产买卖合同或继承、赠与材料", "原件", 1, True, None), ("完税凭证", "原件", 1, True, None))),
    ("150626020003", "不动产登记资料查询", "BDC", "公共服务", 0, "不收费", True, (ID_COPY,)),
    ("150626030001", "社会保险参保证明打印", "RSJ", "公共服务", 0, "不收费", True, (ID_COPY,)),
    ("150626030002", "城乡居民基本养老保险待遇申领", "RSJ", "行政给付", 10, "不收费", False, (
        ID_COPY, ("户口簿", "原件", 1, True, None), ("本人银行账户信息", "复印件", 1, True, None))),
    ("150626030003", "失业保险金申领", "RSJ", "行政给付", 5, "不收费", False, (
        ID_COPY, ("解除或终止劳动关系证明", "原件", 1, True, None))),
    ("150626030004", "丧葬补助金、抚恤金申领", "RSJ", "行政给付", 10, "不收费", False, (
        ("死者居民身份证", "原件", 1, True, None), ("死亡证明或户口注销证明", "原件", 1, True, None),
        ("领取人居民身份证", "原件", 1, True, None), ("领取人与死者关系证明", "原件", 1, True, None))),
    ("150626030005", "社会保障卡申领", "RSJ", "公共服务", 10, "不收费", False, (
        ID_COPY, ("近期免冠证件照", "电子", 1, True, "可现场采集"))),
    ("150626040001", "城乡居民基本医疗保险参保登记", "YBJ", "公共服务", 0, "不收费", True, (
        ID_COPY, ("户口簿", "原件", 1, True, None))),
    ("150626040002", "生育医疗费用报销", "YBJ", "行政给付", 20, "不收费", False, (
        ID_COPY, ("医疗费用票据", "原件", 1, True, None), ("出院记录", "复印件", 1, True, None))),
    ("150626040003", "医疗保险参保关系注销", "YBJ", "公共服务", 0, "不收费", False, (
        ("死亡证明或户口注销证明", "原件", 1, True, None),)),
    ("150626050001", "出生登记", "GAJ", "行政确认", 0, "不收费", False, (
        ("出生医学证明", "原件", 1, True, None), ("父母居民户口簿", "原件", 1, True, None),
        ("父母居民身份证", "原件", 1, True, None), ("父母结婚证", "原件", 1, False, "非婚生育的除外"))),
    ("150626050002", "居民身份证换领", "GAJ", "行政确认", 30, "20元", False, (
        ("原居民身份证", "原件", 1, True, None), ("居民户口簿", "原件", 1, True, None))),
    ("150626050003", "死亡人员户口注销", "GAJ", "行政确认", 0, "不收费", False, (
        ("死亡医学证明", "原件", 1, True, None), ("死者居民户口簿", "原件", 1, True, None),
        ("死者居民身份证", "原件", 1, True, None))),
    ("150626060001", "最低生活保障审核确认", "MZJ", "行政给付", 30, "不收费", False, (
        ID_COPY, ("家庭成员收入及财产状况说明", "原件", 1, True, None), ("户口簿", "原件", 1, True, None))),
    ("150626060002", "高龄津贴申领", "MZJ", "行政给付", 15, "不收费", False, (
        ID_COPY, ("本人银行账户信息", "复印件", 1, True, None))),
    ("150626070001", "出生医学证明签发", "WJW", "公共服务", 0, "不收费", False, (
        ("父母居民身份证", "原件", 1, True, None), ("住院分娩记录", "原件", 1, True, "由助产机构提供"))),
    ("150626080001", "动物防疫条件合格证核发", "NMJ", "行政许可", 20, "不收费", False, (
        ("动物防疫条件审查申请表", "原件", 1, True, None), ("场所地理位置图、各功能区布局平面图", "原件", 1, True, None),
        ("动物防疫管理制度", "原件", 1, True, None))),
    ("150626090001", "发票申领", "SWJ", "行政许可", 0, "不收费", False, (
        ("经办人居民身份证", "原件", 1, True, None),)),
)

THEMES: tuple[tuple, ...] = (
    ("YJS-XSE", "新生儿一件事", "出生医学证明、出生登记、医保参保和社会保障卡一次申请、一次办好。",
     ("150626070001", "150626050001", "150626040001", "150626030005"), 10, (
         ("父母居民身份证", "原件", 1, True, None), ("父母居民户口簿", "原件", 1, True, None),
         ("父母结婚证", "原件", 1, False, "非婚生育的除外"), ("住院分娩记录", "原件", 1, True, "由助产机构提供"),
         ("新生儿近期免冠证件照", "电子", 1, True, "可现场采集"))),
    ("YJS-SH", "身后一件事", "户口注销、医保参保关系注销、丧葬补助金和抚恤金申领一次申请、一次办好。",
     ("150626050003", "150626040003", "150626030004"), 10, (
         ("死亡医学证明", "原件", 1, True, None), ("死者居民户口簿", "原件", 1, True, None),
         ("死者居民身份证", "原件", 1, True, None), ("领取人居民身份证", "原件", 1, True, None),
         ("领取人与死者关系证明", "原件", 1, True, None))),
    ("YJS-KBQY", "开办企业一件事", "企业设立登记、发票申领一次申请，一个工作日内办结。",
     ("150626010002", "150626090001"), 1, (
         ("公司登记（备案）申请书", "原件", 1, True, None), ("公司章程", "原件", 1, True, None),
         ("法定代表人居民身份证", "原件", 1, True, None), ("住所使用相关文件", "复印件", 1, True, None))),
)

REASONS = {
    "非常满意": (("101", "服务效率高"), ("102", "服务水平高"), ("103", "服务态度好"), ("104", "一次办好")),
    "满意": (("201", "服务效率较高"), ("202", "服务水平较高"), ("203", "服务态度较好")),
    "基本满意": (("301", "服务效率一般"), ("302", "服务水平一般"), ("303", "服务态度一般")),
    "不满意": (("401", "服务效率低"), ("402", "服务水平不高"), ("403", "服务态度不好"),
             ("404", "办事指南不清楚"), ("405", "需要多次跑动")),
    "非常不满意": (("501", "服务效率很低"), ("502", "服务水平差"), ("503", "服务态度差"),
               ("504", "超时未办结"), ("505", "要求提供额外材料")),
}

# Short comment phrases per level (the terminal has no Chinese input method): the citizen may tap
# some and their texts are sent as the 文字评价.
PHRASES = {
    "非常满意": (("P11", "办事效率高"), ("P12", "工作人员热情"), ("P13", "一次办好")),
    "满意": (("P21", "办事效率高"), ("P22", "工作人员热情"), ("P23", "一次办好")),
    "基本满意": (("P31", "等待时间长"), ("P32", "材料要求不清楚")),
    "不满意": (("P41", "等待时间长"), ("P42", "材料要求不清楚")),
    "非常不满意": (("P51", "等待时间长"), ("P52", "材料要求不清楚")),
}

# Per person (sample_people.json key): (application number suffix, item code, state, submitted
# days before today, reason or None, certificate key or None).  States: completed, overdue,
# in_review, decided, accepted, returned, not_accepted.
APPLICATIONS: dict[str, tuple[tuple, ...]] = {
    "bateer": (
        (1, "150626020001", "completed", 40, None, "bdc"),
        (2, "150626080001", "overdue", 32, None, None),
        (3, "150626060001", "returned", 12, "缺少家庭成员收入及财产状况说明，请补齐后重新提交。", None),
        (4, "150626030002", "accepted", 1, None, None),
    ),
    "wang": (
        (1, "150626010001", "completed", 25, None, "yyzz"),
        (2, "150626020002", "overdue", 14, None, None),
        (3, "150626040002", "returned", 9, "医疗费用票据为复印件，请提供原件。", None),
        (4, "150626030005", "decided", 3, None, None),
        (5, "150626040001", "completed", 60, None, None),
    ),
    "aoyun": (
        (1, "150626010002", "completed", 18, None, "yyzz_qy"),
        (2, "150626010003", "overdue", 16, None, None),
        (3, "150626030003", "not_accepted", 6, "不符合失业保险金申领条件：累计缴费不满一年。", None),
        (4, "150626050002", "in_review", 5, None, None),
    ),
    "qiqige": (
        (1, "150626030001", "completed", 7, None, "sbcb"),
        (2, "150626020002", "overdue", 21, None, None),
        (3, "150626060002", "returned", 4, "本人银行账户信息不清晰，请重新提供。", None),
        (4, "150626060001", "accepted", 2, None, None),
    ),
}
DEFAULT_APPLICATIONS = (
    (1, "150626030001", "completed", 10, None, "sbcb"),
    (2, "150626010001", "overdue", 15, None, None),
    (3, "150626040001", "returned", 3, "身份证明材料与登记信息不一致，请核对后重新提交。", None),
)
# Extra certificates not produced by an application listed above: key -> (issued years ago)
EXTRA_CERTIFICATES: dict[str, tuple[str, ...]] = {
    "bateer": ("sbcb",),
    "wang": ("bdc", "sbcb"),
    "aoyun": ("sbcb",),
    "qiqige": ("bdc",),
}
NO_DATA = {"badcheck"}   # the sample card with a wrong check character: the platform knows nobody


@dataclass
class Dataset:
    today: date
    applications_by_holder: dict[str, list[dict]] = field(default_factory=dict)
    applications_by_no: dict[str, dict] = field(default_factory=dict)
    certificates_by_holder: dict[str, list[dict]] = field(default_factory=dict)
    certificates_by_id: dict[str, dict] = field(default_factory=dict)      # certificate_id -> listing
    print_data_by_id: dict[str, dict] = field(default_factory=dict)        # certificate_id -> print data
    holder_of_certificate: dict[str, str] = field(default_factory=dict)    # certificate_id -> id number
    catalogue: dict = field(default_factory=dict)
    rating_options: dict = field(default_factory=dict)


def load_people(path: Path = SAMPLE_PEOPLE) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["people"]


def build_dataset(today: date, people: list[dict[str, Any]] | None = None,
                  satisfaction_codes: str = "gbt39046") -> Dataset:
    people = load_people() if people is None else people
    data = Dataset(today=today)
    data.catalogue = _catalogue()
    data.rating_options = _rating_options(satisfaction_codes)
    items = {i[0]: i for i in ITEMS}
    departments = dict(DEPARTMENTS)
    for person_no, person in enumerate(people, start=1):
        if person["key"] in NO_DATA:
            continue
        id_number = person["id_number"]
        apps, certs = [], []
        cert_no = 0
        for suffix, item_code, state, days_ago, reason, cert_kind in APPLICATIONS.get(person["key"],
                                                                                      DEFAULT_APPLICATIONS):
            application_no = f"{REGION}{person_no:06d}{suffix:04d}"
            item = items[item_code]
            certificate_id = None
            if cert_kind:
                cert_no += 1
                finished = _at(today - timedelta(days=days_ago - max(item[4], 1)), 15)
                certificate_id = _add_certificate(data, certs, person, person_no, cert_no, cert_kind, finished.date())
            app = _application(today, application_no, item, departments[item[2]], person, state, days_ago, reason,
                               certificate_id)
            apps.append(app)
            data.applications_by_no[application_no] = app
        for years_ago, kind in enumerate(EXTRA_CERTIFICATES.get(person["key"], ("bdc",)), start=2):
            cert_no += 1
            _add_certificate(data, certs, person, person_no, cert_no, kind,
                             today.replace(year=today.year - years_ago, day=min(today.day, 28)))
        apps.sort(key=lambda a: a["submitted_at"], reverse=True)
        data.applications_by_holder[id_number] = apps
        data.certificates_by_holder[id_number] = certs
    return data


def _at(day: date, hour: int, minute: int = 30) -> datetime:
    return datetime.combine(day, time(hour, minute), CHINA_TZ)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _application(today: date, application_no: str, item: tuple, department_name: str, person: dict, state: str,
                 days_ago: int, reason: str | None, certificate_id: str | None) -> dict:
    code, name, dept_code, _kind, promised_days = item[:5]
    submitted_day = today - timedelta(days=days_ago)
    submitted = _at(submitted_day, 9, 10 + len(application_no) % 40)
    if state == "overdue":
        # promised 10 days after submission, so it is always past when submitted ≥ 14 days ago
        promised_days = max(promised_days, 1)
        promised = submitted_day + timedelta(days=min(promised_days, days_ago - 3))
    else:
        promised = submitted_day + timedelta(days=promised_days) if promised_days else submitted_day
    timeline: list[dict] = []

    def step(status: str, day: date, hour: int, note: str | None = None) -> None:
        entry = {"status": status, "at": _iso(_at(min(day, today), hour)), "department_name": department_name}
        if note:
            entry["note"] = note
        timeline.append(entry)

    finished_at = None
    if state == "not_accepted":
        step("not_accepted", submitted_day, 11, reason)
        finished_at = timeline[-1]["at"]
    else:
        step("accepted", submitted_day, 10)
        if state in ("in_review", "overdue", "decided", "completed", "returned"):
            step("in_review", submitted_day + timedelta(days=1), 9)
        if state == "returned":
            step("returned", submitted_day + timedelta(days=2), 16, reason)
            finished_at = timeline[-1]["at"]
        if state in ("decided", "completed"):
            step("decided", submitted_day + timedelta(days=max(1, promised_days - 1) if state == "completed" else 2), 14)
        if state == "completed":
            step("completed", submitted_day + timedelta(days=max(promised_days, 1)), 15)
            finished_at = timeline[-1]["at"]
    status = "in_review" if state == "overdue" else state
    app = {
        "application_no": application_no,
        "item_code": code,
        "item_name": name,
        "department_code": dept_code,
        "department_name": department_name,
        "applicant_name_masked": mask_name(person["name"]),
        "status": status,
        "submitted_at": _iso(submitted),
        "promised_date": promised.isoformat(),
        "timeline": timeline,
        "mobile_url": f"{MOBILE}/progress?no={application_no}",
    }
    if finished_at:
        app["finished_at"] = finished_at
    if reason:
        app["return_reason"] = reason
    if certificate_id:
        app["certificate_id"] = certificate_id
    return app


def verification_code(certificate_id: str) -> str:
    digest = hashlib.sha256(("kiosk-sim-verify:" + certificate_id).encode()).digest()
    text = base64.b32encode(digest).decode()[:12]
    return "-".join(text[i:i + 4] for i in range(0, 12, 4))


def _add_certificate(data: Dataset, certs: list[dict], person: dict, person_no: int, cert_no: int, kind: str,
                     issued: date) -> str:
    certificate_id = f"DZZZ{REGION}{person_no:03d}{cert_no:03d}"
    name, id_number = person["name"], person["id_number"]
    address = person.get("address") or "内蒙古自治区鄂尔多斯市乌审旗嘎鲁图镇"
    seq = person_no * 1000 + cert_no
    if kind in ("yyzz", "yyzz_qy"):
        personal = kind == "yyzz"
        credit = f"{'92' if personal else '91'}150626MA0Q{seq:05d}{'X' if personal else '7'}"
        listing = ("YYZZ", "营业执照", credit, "乌审旗市场监督管理局", None)
        fields = (("统一社会信用代码", credit),
                  ("名称", f"乌审旗{name[0]}氏{'便民超市' if personal else '牧业科技有限公司'}"),
                  ("类型", "个体工商户" if personal else "有限责任公司（自然人独资）"),
                  ("经营者" if personal else "法定代表人", name), ("经营场所" if personal else "住所", address),
                  ("经营范围", "日用百货零售" if personal else "牧业技术服务；饲草料销售"),
                  ("注册日期", f"{issued:%Y年%m月%d日}"))
    elif kind == "bdc":
        number = f"蒙（{issued.year}）乌审旗不动产权第{seq:07d}号"
        listing = ("BDCQZM", "不动产权证明", number, "乌审旗不动产登记中心", None)
        fields = (("权利人", name), ("共有情况", "单独所有"), ("坐落", address),
                  ("不动产单元号", f"150626{seq:06d}GB00001F00010001"), ("权利类型", "国有建设用地使用权/房屋所有权"),
                  ("用途", "住宅"), ("面积", f"{80 + seq % 50}.{seq % 100:02d}平方米"))
    else:  # sbcb
        number = f"SBCB{REGION}{issued:%Y%m%d}{seq:05d}"
        listing = ("SBCBZM", "社会保险参保证明", number, "乌审旗社会保险事业服务中心", None)
        fields = (("姓名", name), ("社会保障号码", mask_id_number(id_number)),
                  ("参保险种", "城乡居民基本养老保险"), ("参保状态", "正常参保"),
                  ("参保起始年月", f"{issued.year - 10}年01月"), ("开具日期", f"{issued:%Y年%m月%d日}"))
    type_code, type_name, number, issuer, valid_until = listing
    status = "valid"
    cert = {"certificate_id": certificate_id, "type_code": type_code, "type_name": type_name, "number": number,
            "holder_name_masked": mask_name(name), "issuer": issuer, "issued_on": issued.isoformat(),
            "status": status}
    if valid_until:
        cert["valid_until"] = valid_until
    code = verification_code(certificate_id)
    data.certificates_by_id[certificate_id] = cert
    data.holder_of_certificate[certificate_id] = id_number
    data.print_data_by_id[certificate_id] = {
        "certificate_id": certificate_id, "type_name": type_name, "number": number, "holder_name": name,
        "holder_id_masked": mask_id_number(id_number), "issuer": issuer, "issued_on": issued.isoformat(),
        "fields": [{"label": label, "value": value} for label, value in fields],
        "verification_code": code,
        "verification_url": f"{PORTAL}/verify?code={code.replace('-', '')}",
    }
    certs.append(cert)
    return certificate_id


def _materials(specs: tuple) -> list[dict]:
    out = []
    for name, form, copies, required, note in specs:
        m = {"name": name, "form": form, "copies": copies, "required": required}
        if note:
            m["note"] = note
        out.append(m)
    return out


def _catalogue() -> dict:
    return {
        "version": CATALOGUE_VERSION,
        "departments": [{"code": c, "name": n} for c, n in DEPARTMENTS],
        "items": [{"code": code, "name": name, "department_code": dept, "kind": kind, "promised_days": days,
                   "fee": fee, "self_service": self_service, "online_url": f"{PORTAL}/apply/{code}",
                   "materials": _materials(materials)}
                  for code, name, dept, kind, days, fee, self_service, materials in ITEMS],
        "themes": [{"code": code, "name": name, "description": desc, "item_codes": list(codes),
                    "promised_days": days, "online_url": f"{PORTAL}/theme/{code}", "materials": _materials(materials)}
                   for code, name, desc, codes, days, materials in THEMES],
    }


def _rating_options(direction: str) -> dict:
    # As a platform publishes them: its own 满意度代码 (1 best, or 5 best) and its own 差评 levels.
    one_is_best = {"gbt39046": True, "five_is_best": False}[direction]
    codes = {level: str(i + 1 if one_is_best else 5 - i) for i, level in enumerate(LEVEL_NAMES)}
    return {"version": RATING_OPTIONS_VERSION,
            "levels": [{"name": level, "code": codes[level], "bad": level in ("不满意", "非常不满意"),
                        "reasons": [{"code": c, "text": t} for c, t in REASONS[level]],
                        "phrases": [{"code": c, "text": t} for c, t in PHRASES[level]]} for level in LEVEL_NAMES]}


def add_many_applications(data: Dataset, id_number: str, count: int) -> int:
    """Gives the holder `count` more applications, older than the ones they have (a business
    owner's years of filings): copies of their own, renumbered, each a day earlier than the last.
    For trying long lists; returns how many the holder has now."""
    own = data.applications_by_holder.get(id_number)
    if not own:
        raise ValueError("the simulator knows no applications of this ID number")
    oldest = min(date.fromisoformat(a["submitted_at"][:10]) for a in own)
    templates = list(own)
    for n in range(count):
        template = templates[n % len(templates)]
        shift = oldest - date.fromisoformat(template["submitted_at"][:10]) - timedelta(days=n + 1)
        application_no = f"{template['application_no'][:12]}{5000 + n:04d}"
        app = _shifted(template, shift)
        app.update(application_no=application_no, mobile_url=f"{MOBILE}/progress?no={application_no}")
        app.pop("certificate_id", None)          # the certificate stays with the original
        own.append(app)
        data.applications_by_no[application_no] = app
    return len(own)


def _shifted(app: dict, by: timedelta) -> dict:
    """A copy of an application with every date and moment moved by `by`."""
    def move(text: str) -> str:
        if len(text) == 10:
            return (date.fromisoformat(text) + by).isoformat()
        return _iso(datetime.fromisoformat(text) + by)

    copy = {k: (move(v) if k in ("submitted_at", "promised_date", "finished_at") else v) for k, v in app.items()}
    copy["timeline"] = [dict(entry, at=move(entry["at"])) for entry in app["timeline"]]
    return copy
