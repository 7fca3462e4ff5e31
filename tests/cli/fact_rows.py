"""fact_rows.py: what the SQL writers of the calc tests share (facts_files.py, facts_sql.py, case_store.py):
values quoted for SQL, INSERT statements of stored fact rows, 统一社会信用代码 with their check
character (GB 32100-2015)."""

CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(region, serial):
    """A 统一社会信用代码 of region (6 digits) and serial, valid as the imports check it: the
    organisation code (GB 11714) with its check character, then the code's own."""
    organisation = "MA" + "%06d" % serial
    total = sum((int(c) if c.isdigit() else ord(c) - ord("A") + 10) * w
                for c, w in zip(organisation, (3, 7, 9, 10, 5, 8, 4, 2)))
    check = 11 - total % 11
    body = "91" + region + organisation + ("X" if check == 10 else "0" if check == 11 else str(check))
    total = sum(CODE_CHARS.index(c) * w for c, w in zip(body, CODE_WEIGHTS))
    return body + CODE_CHARS[(31 - total % 31) % 31]


def q(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def insert(table, row):
    """INSERT of row (column -> value) into table, written by batch 1."""
    cols = list(row) + ["created_batch", "updated_batch"]
    vals = [q(v) for v in row.values()] + ["1", "1"]
    return "INSERT INTO %s (%s) VALUES (%s);" % (table, ", ".join(cols), ", ".join(vals))
