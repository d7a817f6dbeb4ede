"""A synthetic, reproducible corpus of Vietnamese official documents for the search benchmark.

Words are drawn from a Zipf-like distribution over a vocabulary of real words of Party and State documents
(most frequent first), mixed with the topic of each document so topics cluster as in a real archive; body
lengths are log-normal (a few hundred words, long tails for regulations and reports). Kinds, issuers,
signers, years, numbering (Party per term and type, State per year) and recipients follow docs/domain.md.
Everything derives from one seed: the same size and seed give the same corpus.
"""
from __future__ import annotations

import bisect
import datetime
import itertools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from documents.text.notation import format_notation, notation_key

# Words and short word groups of official documents, roughly by frequency (most frequent first).
_VOCABULARY_TEXT = """
và|của|các|trong|được|thực hiện|công tác|theo|có|cho|về|với|năm|đã|phường|là|việc|tổ chức|người|nhiệm vụ|
đảng viên|cán bộ|chi bộ|kết quả|triển khai|đơn vị|tình hình|quy định|chỉ đạo|lãnh đạo|đồng chí|kế hoạch|
phát triển|nâng cao|tăng cường|hiệu quả|xây dựng|Đảng ủy|ban|số|chủ trì|phối hợp|kiểm tra|giám sát|nội dung|
đảm bảo|chất lượng|hoạt động|cơ quan|nhân dân|Ủy ban|địa bàn|khu phố|đoàn thể|Mặt trận Tổ quốc|trách nhiệm|
báo cáo|hướng dẫn|tuyên truyền|vận động|quán triệt|học tập|nghị quyết|chương trình|đề án|giải pháp|mục tiêu|
yêu cầu|thời gian|tiến độ|định kỳ|hằng năm|quý|tháng|sơ kết|tổng kết|đánh giá|hạn chế|khuyết điểm|nguyên nhân|
bài học kinh nghiệm|phương hướng|thời gian tới|đề xuất|kiến nghị|cấp ủy|Ban Thường vụ|Thường trực|Bí thư|
Phó Bí thư|Chủ tịch|Phó Chủ tịch|Trưởng ban|Phó Trưởng ban|thành viên|văn phòng|thường xuyên|kịp thời|
nghiêm túc|đầy đủ|chặt chẽ|đồng bộ|toàn diện|cụ thể|chủ động|tích cực|sâu rộng|thiết thực|kinh tế|xã hội|
văn hóa|giáo dục|y tế|quốc phòng|an ninh|trật tự|an toàn|môi trường|đất đai|xây dựng cơ bản|tài chính|ngân sách|
thu chi|đầu tư|dự án|công trình|hạ tầng|giao thông|nông nghiệp|thủy sản|du lịch|dịch vụ|thương mại|doanh nghiệp|
hộ kinh doanh|lao động|việc làm|an sinh xã hội|người có công|hộ nghèo|cận nghèo|chính sách|bảo hiểm|dân số|
gia đình|trẻ em|thanh niên|phụ nữ|cựu chiến binh|nông dân|công đoàn|người cao tuổi|khuyến học|thể dục thể thao|
thông tin|truyền thông|dữ liệu|phần mềm|hệ thống|nền tảng|trực tuyến|điện tử|số hóa|hồ sơ|thủ tục|
dịch vụ công|một cửa|liên thông|cải cách|hành chính|kỷ luật|kỷ cương|đạo đức|lối sống|tư tưởng|chính trị|
bảo vệ nền tảng tư tưởng|phòng chống|tham nhũng|lãng phí|tiêu cực|khiếu nại|tố cáo|tiếp công dân|hòa giải|
cơ sở|dân chủ|quy chế|làm việc|phân công|phụ trách|lĩnh vực|chức năng|quyền hạn|mối quan hệ|chế độ|
thông tin báo cáo|hội nghị|cuộc họp|ý kiến|thảo luận|thống nhất|biểu quyết|kết luận|thông báo|quyết định|
ban hành|hiệu lực|thi hành|điều chỉnh|bổ sung|sửa đổi|thay thế|bãi bỏ|căn cứ|điều lệ|Trung ương|Tỉnh ủy|
Lâm Đồng|La Gi|Bộ Chính trị|Ban Bí thư|khoa học|công nghệ|đổi mới sáng tạo|chuyển đổi số|kinh tế số|
xã hội số|chính quyền số|công dân số|kỹ năng số|hạ tầng số|an toàn thông tin|an ninh mạng|trí tuệ nhân tạo|
thiên tai|mưa bão|phòng cháy chữa cháy|cứu nạn cứu hộ|dịch bệnh|vệ sinh an toàn thực phẩm|biển đảo|ngư dân|
khai thác|nuôi trồng|rừng|khoáng sản|quy hoạch|sử dụng đất|giải phóng mặt bằng|tái định cư|đô thị|
văn minh|nông thôn mới|khu dân cư|gương mẫu|điển hình|tiên tiến|khen thưởng|thi đua|phong trào|danh hiệu|
đảng viên mới|kết nạp|chuyển sinh hoạt|sinh hoạt chi bộ|đảng phí|bồi dưỡng|lý luận|nghiệp vụ|đào tạo|
quy hoạch cán bộ|luân chuyển|bổ nhiệm|nhân sự|đại hội|nhiệm kỳ|bầu cử|đại biểu|Hội đồng nhân dân|
tiếp xúc cử tri|giám sát|phản biện xã hội|tôn giáo|dân tộc|đoàn kết|đồng thuận|ổn định|bền vững|tăng trưởng|
chỉ tiêu|vượt|đạt|chưa đạt|tỷ lệ|phần trăm|tổng số|trong đó|bao gồm|cụ thể như sau|góp phần|tạo điều kiện|
khắc phục|chấn chỉnh|xử lý|vi phạm|nghiêm minh|công khai|minh bạch|tiết kiệm|chống lãng phí|tài sản công|
"""
VOCABULARY: list[str] = [w.strip() for w in _VOCABULARY_TEXT.split("|") if w.strip()]

TOPICS = [
    "chuyển đổi số", "cải cách hành chính", "phòng chống thiên tai", "xây dựng Đảng", "kiểm tra giám sát",
    "phát triển khoa học, công nghệ, đổi mới sáng tạo", "an ninh trật tự", "phòng chống tham nhũng, lãng phí",
    "xây dựng nông thôn mới", "vệ sinh an toàn thực phẩm", "công tác dân vận", "bảo vệ môi trường",
    "phòng cháy chữa cháy", "giảm nghèo bền vững", "phát triển du lịch", "khai thác thủy sản bền vững",
    "tiếp công dân và giải quyết khiếu nại, tố cáo", "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "công tác cán bộ", "kết nạp đảng viên mới", "thu chi ngân sách", "giải phóng mặt bằng", "dịch vụ công trực tuyến",
    "an toàn giao thông", "chính quyền số", "hòa giải ở cơ sở", "thi đua khen thưởng", "công tác tuyên giáo",
    "bảo vệ nền tảng tư tưởng của Đảng", "đại hội chi bộ nhiệm kỳ 2025 - 2027", "quốc phòng toàn dân",
    "chăm sóc người có công", "khuyến học, khuyến tài", "quản lý đất đai", "trí tuệ nhân tạo",
]

# name, code, system, kind slug of the issuer kind, superior index, share of documents
ISSUERS = [
    ("Đảng ủy phường La Gi", "ĐU", "party", "cap_uy", None, 0.25),
    ("BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ", "BCĐ", "party",
     "ban_chi_dao", 0, 0.10),
    ("Ủy ban kiểm tra Đảng ủy phường La Gi", "UBKT", "party", "uy_ban_kiem_tra", 0, 0.10),
    ("Chi bộ khu phố 1", "CB", "party", "chi_bo", 0, 0.08),
    ("Chi bộ khu phố 5", "CB5", "party", "chi_bo", 0, 0.07),
    ("Ủy ban nhân dân phường La Gi", "UBND", "state", "uy_ban_nhan_dan", None, 0.30),
    ("Hội đồng nhân dân phường La Gi", "HĐND", "state", "hoi_dong_nhan_dan", None, 0.10),
]

SIGNERS = {
    "ĐU": [("BÍ THƯ", "Nguyễn Quốc Nam"), ("PHÓ BÍ THƯ", "Lê Thị Hồng Nhung"), ("PHÓ BÍ THƯ", "Trần Văn Đức")],
    "BCĐ": [("BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO", "Nguyễn Quốc Nam"), ("PHÓ TRƯỞNG BAN", "Huỳnh Văn Thành")],
    "UBKT": [("CHỦ NHIỆM", "Phạm Thị Thu Hà"), ("PHÓ CHỦ NHIỆM", "Đặng Minh Khoa")],
    "CB": [("BÍ THƯ", "Võ Văn Lợi")],
    "CB5": [("BÍ THƯ", "Ngô Thị Mỹ Duyên")],
    "UBND": [("CHỦ TỊCH", "Phạm Văn Long"), ("PHÓ CHỦ TỊCH", "Trương Thị Ánh Tuyết"), ("PHÓ CHỦ TỊCH", "Bùi Quang Huy")],
    "HĐND": [("CHỦ TỊCH", "Nguyễn Quốc Nam"), ("PHÓ CHỦ TỊCH", "Lý Văn Sáu")],
}

RECIPIENTS = [
    "Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ủy ban kiểm tra Tỉnh ủy", "Thường trực Đảng ủy",
    "Các đồng chí Đảng ủy viên", "Các chi bộ trực thuộc Đảng ủy phường", "Ủy ban nhân dân phường",
    "Ủy ban Mặt trận Tổ quốc Việt Nam phường", "Các đoàn thể chính trị - xã hội phường", "Công an phường",
    "Ban Chỉ huy Quân sự phường", "Các khu phố", "Thành viên Ban Chỉ đạo", "Sở Nội vụ tỉnh Lâm Đồng",
]

KIND_SHARES = [("ke_hoach", 0.25), ("bao_cao", 0.25), ("quyet_dinh", 0.25), ("quy_che", 0.10), ("bien_ban", 0.15)]
KIND_NAMES = {"ke_hoach": "Kế hoạch", "bao_cao": "Báo cáo", "quyet_dinh": "Quyết định", "quy_che": "Quy chế",
              "bien_ban": "Biên bản", "nghi_quyet": "Nghị quyết"}
TYPE_CODES = {"ke_hoach": "KH", "bao_cao": "BC", "quyet_dinh": "QĐ", "quy_che": "QC", "bien_ban": "BB"}
TITLE_PATTERNS = {
    "ke_hoach": ["triển khai {t} năm {y}", "thực hiện {t} giai đoạn {y} - {y2}", "tổ chức các hoạt động {t} quý {q} năm {y}"],
    "bao_cao": ["kết quả {t} {p} năm {y}", "sơ kết {t} 6 tháng đầu năm {y}", "tổng kết {t} năm {y} và phương hướng năm {y1}"],
    "quyet_dinh": ["thành lập Tổ giúp việc về {t}", "ban hành Quy chế phối hợp về {t}", "kiện toàn Ban Chỉ đạo {t}",
                   "phân công nhiệm vụ về {t} năm {y}"],
    "quy_che": ["hoạt động của Ban Chỉ đạo {t} phường La Gi", "phối hợp trong công tác {t}", "làm việc về {t}"],
    "bien_ban": ["họp về {t} {p} năm {y}", "hội nghị sơ kết {t} năm {y}", "kiểm tra {t} tại khu phố {k}"],
}
TERM_START = datetime.date(2025, 7, 22)  # Party numbering restarts with the 2025–2030 term
FIRST_DAY, LAST_DAY = datetime.date(2021, 1, 4), datetime.date(2026, 6, 30)
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


@dataclass
class SyntheticDocument:
    kind: str
    issuer: int  # index into ISSUERS
    number: int | None
    notation: str
    notation_key: str
    issued_on: datetime.date
    title: str
    signer_position: str
    signer_name: str
    legal_status: str
    visibility: str
    body: list = field(default_factory=list)  # raw StreamField data
    bases: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    preamble: str = ""


class Generator:
    def __init__(self, seed: int = 20260105) -> None:
        self.rng = random.Random(seed)
        # Zipf-like word weights: rank r has weight 1 / r^1.07.
        weights = [1.0 / (rank ** 1.07) for rank in range(1, len(VOCABULARY) + 1)]
        self.cumulative = list(itertools.accumulate(weights))
        self.ids = itertools.count(1)

    def word(self) -> str:
        return VOCABULARY[bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]

    def sentence(self, topic: str) -> str:
        words = [self.word() for _ in range(self.rng.randint(8, 24))]
        if self.rng.random() < 0.45:
            words.insert(self.rng.randrange(len(words)), topic)
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, topic: str, sentences: int) -> str:
        return " ".join(self.sentence(topic) for _ in range(sentences))

    def _pick(self, shares):
        x = self.rng.random() * sum(s for *_rest, s in shares)
        for item in shares:
            x -= item[-1]
            if x <= 0:
                return item
        return shares[-1]

    def body(self, kind: str, topic: str, words: int) -> list:
        sentences_left = max(3, words // 16)
        para = lambda n: self.paragraph(topic, n)  # noqa: E731
        blocks: list = []
        if kind in ("quy_che", "quyet_dinh"):
            article = 0
            chapters = 1 if kind == "quyet_dinh" else max(1, min(6, sentences_left // 12))
            for c in range(chapters):
                articles = []
                for _ in range(max(1, sentences_left // (chapters * 4))):
                    article += 1
                    clauses = [{"number": str(i + 1), "text": para(1), "points": []}
                               for i in range(self.rng.randint(0, 3))]
                    articles.append({"number": str(article), "title": self.sentence(topic)[:60].rstrip("."),
                                     "text": para(1), "clauses": clauses})
                    sentences_left -= 1 + len(clauses)
                    if sentences_left <= 0:
                        break
                if kind == "quyet_dinh":
                    blocks += [{"type": "article", "value": a} for a in articles]
                else:
                    blocks.append({"type": "chapter", "value": {"number": ROMAN[c], "title": topic.upper(),
                                                                 "articles": articles}})
                if sentences_left <= 0:
                    break
        else:
            titles = {"ke_hoach": ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG, NHIỆM VỤ", "TỔ CHỨC THỰC HIỆN"],
                      "bao_cao": ["TÌNH HÌNH VÀ KẾT QUẢ", "HẠN CHẾ, NGUYÊN NHÂN", "NHIỆM VỤ THỜI GIAN TỚI"],
                      "bien_ban": ["THÀNH PHẦN", "NỘI DUNG", "KẾT LUẬN"]}[kind]
            per_section = max(1, sentences_left // len(titles))
            for i, title in enumerate(titles):
                subsections = [{"number": str(j + 1), "title": "", "text": para(self.rng.randint(1, 4))}
                               for j in range(max(1, per_section // 3))]
                blocks.append({"type": "section", "value": {"number": ROMAN[i], "title": title, "text": para(1),
                                                             "subsections": subsections}})
            if kind == "ke_hoach":
                rows = [{"task": self.sentence(topic), "lead_unit": self.rng.choice(RECIPIENTS),
                         "cooperating_units": self.rng.choice(RECIPIENTS), "deadline": f"Quý {self.rng.choice(ROMAN[:4])}"}
                        for _ in range(self.rng.randint(2, 6))]
                blocks.insert(2, {"type": "task_table", "value": {"title": "", "rows": rows}})
        return blocks

    def documents(self, size: int) -> Iterator[SyntheticDocument]:
        span = (LAST_DAY - FIRST_DAY).days
        days = sorted(FIRST_DAY + datetime.timedelta(days=self.rng.randrange(span)) for _ in range(size))
        counters: dict[tuple, int] = {}
        issued: list[tuple[str, str]] = []  # (notation, kind) of what was issued so far
        for day in days:
            issuer_index = ISSUERS.index(self._pick(ISSUERS))
            name, code, system, _kind, _sup, _share = ISSUERS[issuer_index]
            kind = self._pick(KIND_SHARES)[0]
            topic = self.rng.choice(TOPICS)
            numbered = kind != "bien_ban" or self.rng.random() < 0.3
            number = notation = None
            if numbered:
                series = (code, kind, day >= TERM_START) if system == "party" else (code, day.year)
                counters[series] = number = counters.get(series, 0) + 1
                notation = format_notation(system, number, TYPE_CODES[kind], code)
                issued.append((notation, kind))
            y = day.year
            title = self.rng.choice(TITLE_PATTERNS[kind]).format(
                t=topic, y=y, y1=y + 1, y2=y + 2, q=self.rng.choice(ROMAN[:4]), k=self.rng.randint(1, 9),
                p=self.rng.choice(["quý I", "quý II", "quý III", "quý IV", "6 tháng", "tháng 9"]),
            )
            # Log-normal body length in words: median about 450, quy chế and báo cáo longer.
            factor = {"quy_che": 2.0, "bao_cao": 1.5, "ke_hoach": 1.2, "quyet_dinh": 0.6, "bien_ban": 0.9}[kind]
            words = int(min(6000, max(60, self.rng.lognormvariate(math.log(450 * factor), 0.6))))
            position, signer = self.rng.choice(SIGNERS[code])
            bases = []
            for _ in range(self.rng.randint(0 if kind == "bien_ban" else 1, 4)):
                cited, cited_kind = self.rng.choice(issued[-200:]) if issued else ("57-NQ/TW", "nghi_quyet")
                bases.append(f"Căn cứ {KIND_NAMES[cited_kind]} số {cited}, ngày {self.rng.randint(1, 28):02d}/"
                             f"{self.rng.randint(1, 12):02d}/{y - 1} về {self.rng.choice(TOPICS)};")
            recipients = self.rng.sample(RECIPIENTS, self.rng.randint(3, 7)) + ["Lưu Văn phòng"]
            visibility = self.rng.choices(["public", "internal", "restricted"], weights=[80, 15, 5])[0]
            status = self.rng.choices(["con_hieu_luc", "het_hieu_luc", "het_hieu_luc_mot_phan", "chua_co_hieu_luc"],
                                      weights=[75, 15, 5, 5])[0]
            yield SyntheticDocument(
                kind=kind, issuer=issuer_index, number=number, notation=notation or "",
                notation_key=notation_key(notation) if notation else "", issued_on=day, title=title,
                signer_position=position, signer_name=signer, legal_status=status, visibility=visibility,
                body=self.body(kind, topic, words), bases=bases, recipients=recipients,
                preamble=f"{name} ban hành {title}, như sau:" if kind == "quy_che" else "",
            )
