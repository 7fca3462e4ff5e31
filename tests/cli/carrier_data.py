"""carrier_data.py: valid ID numbers (GB 11643) and 统一社会信用代码 (GB 32100, with the GB 11714
organisation check character) for the carrier tests t0700-t0739, and CSV lines of them.
Usage from a test:  python3 carrier_data.py id REGION BIRTH SEQ  |  code REGION SERIAL"""
import sys

CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(region, birth, seq):
    """An ID number of region (6 digits), birth (YYYYMMDD) and sequence with its check character."""
    body = "%s%s%03d" % (region, birth, seq)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS)) % 11]


def credit_code(region, serial):
    """A 统一社会信用代码 91 + region + an organisation code MA + 6 digits + its checks."""
    org = "MA%06d" % serial
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(org, ORG_WEIGHTS))
    check = 11 - total % 11
    org += "X" if check == 10 else "0" if check == 11 else str(check)
    body = "91" + region + org
    total = sum(CODE_CHARS.index(c) * w for c, w in zip(body, CODE_WEIGHTS))
    return body + CODE_CHARS[(31 - total % 31) % 31]


if __name__ == "__main__":
    if sys.argv[1] == "id":
        print(id_number(sys.argv[2], sys.argv[3], int(sys.argv[4])))
    else:
        print(credit_code(sys.argv[2], int(sys.argv[3])))
