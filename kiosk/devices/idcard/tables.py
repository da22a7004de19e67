"""Code tables printed on the card in coded form: gender (GB/T 2261.1) and nation (GB 3304)."""
from __future__ import annotations

GENDERS = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}

NATIONS = {
    "01": "汉", "02": "蒙古", "03": "回", "04": "藏", "05": "维吾尔", "06": "苗", "07": "彝", "08": "壮",
    "09": "布依", "10": "朝鲜", "11": "满", "12": "侗", "13": "瑶", "14": "白", "15": "土家", "16": "哈尼",
    "17": "哈萨克", "18": "傣", "19": "黎", "20": "傈僳", "21": "佤", "22": "畲", "23": "高山", "24": "拉祜",
    "25": "水", "26": "东乡", "27": "纳西", "28": "景颇", "29": "柯尔克孜", "30": "土", "31": "达斡尔",
    "32": "仫佬", "33": "羌", "34": "布朗", "35": "撒拉", "36": "毛南", "37": "仡佬", "38": "锡伯",
    "39": "阿昌", "40": "普米", "41": "塔吉克", "42": "怒", "43": "乌孜别克", "44": "俄罗斯", "45": "鄂温克",
    "46": "德昂", "47": "保安", "48": "裕固", "49": "京", "50": "塔塔尔", "51": "独龙", "52": "鄂伦春",
    "53": "赫哲", "54": "门巴", "55": "珞巴", "56": "基诺", "97": "其他", "98": "外国血统中国籍人士",
}

# GB 11643 / ISO 7064 MOD 11-2
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_character(body17: str) -> str:
    if len(body17) != 17 or not body17.isdigit() or not body17.isascii():
        raise ValueError("the body of an ID number is 17 digits")
    return _CHECK[sum(int(d) * w for d, w in zip(body17, _WEIGHTS)) % 11]


def id_number_checks(number: str) -> bool:
    """True when an 18-character ID number's check character matches its 17 digits."""
    if len(number) != 18 or not number[:17].isdigit() or not number.isascii():
        return False
    return id_check_character(number[:17]) == number[17].upper()
