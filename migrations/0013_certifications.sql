-- 0013 certifications: the dated decisions on the carriers of employment assistance
-- (载体: 就业帮扶车间/扶贫车间 workshop, 就业扶贫基地/乡村振兴劳务基地 base, 劳务合作社
-- cooperative, 易地搬迁安置区 relocation_site) that the 2023 notice asks for: 认定, 升级,
-- 扶持, 调整, 退出 (认定一批、升级一批、扶持一批、调整一批; issue 13 item 1).  Written by
-- `bangfu org certify` (which checks the rule of the policy files that applies where the
-- organisation lies) and by `bangfu import certifications` (decisions already taken).
-- An organisation holds a carrier kind from a 认定 until the next 退出; 升级, 扶持 and
-- 调整 keep it (services/certification.h).  As in 0007, references are checked by the
-- writers, not by foreign keys.
CREATE TABLE certifications (
    org_code      TEXT NOT NULL,                 -- an org of orgs
    carrier       TEXT NOT NULL,                 -- workshop base cooperative relocation_site (org_kind codes)
    decided_on    TEXT NOT NULL,                 -- 决定日期, ISO 8601
    action        TEXT NOT NULL,                 -- certify upgrade support adjust exit (carrier_action.tsv)
    document      TEXT NOT NULL,                 -- 文号 of the decision
    body          TEXT NOT NULL,                 -- 决定机关
    reason        TEXT,                          -- 理由
    exception     TEXT,                          -- 例外理由: the rule was not met and the decision was taken anyway (--force)
    rule          TEXT,                          -- the status id of the policy rule checked, NULL when none applied or not checked
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL,
    CONSTRAINT certifications_key PRIMARY KEY (org_code, carrier, decided_on, action)
);
CREATE INDEX certifications_carrier ON certifications (carrier, org_code);
