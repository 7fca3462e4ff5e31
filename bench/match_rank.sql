-- bench/match_rank.sql: the ranking of `bangfu match --date 2021-06-30 --top 10` as one plain SQL
-- query over the stored tables (SQLite), every laborer paired with every open posting.
-- bench/match_bench.sh fills in each @name@ from data/match_weights.tsv (- becomes NULL: the
-- class is excluded), @trades@ from vocabularies/trade.tsv and @pairs@ from data/labor_pairs.tsv.
-- Who is matched is written for the shipped eligible.* (有劳动能力 or 弱劳动能力; 未就业, 灵活就业
-- or empty), and 技能 is read as one word, as generated lists have it.
WITH trade(code, label) AS (VALUES @trades@),
distance(wish, class, points) AS (VALUES
    ('local', 'county', @distance.local.county@), ('local', 'city', @distance.local.city@),
    ('local', 'province', @distance.local.province@), ('local', 'paired', @distance.local.paired@),
    ('local', 'other', @distance.local.other@),
    ('migrant', 'county', @distance.migrant.county@), ('migrant', 'city', @distance.migrant.city@),
    ('migrant', 'province', @distance.migrant.province@),
    ('migrant', 'paired', @distance.migrant.paired@), ('migrant', 'other', @distance.migrant.other@),
    ('any', 'county', @distance.any.county@), ('any', 'city', @distance.any.city@),
    ('any', 'province', @distance.any.province@), ('any', 'paired', @distance.any.paired@),
    ('any', 'other', @distance.any.other@),
    ('cannot_leave', 'county', @distance.cannot_leave.county@),
    ('cannot_leave', 'city', @distance.cannot_leave.city@),
    ('cannot_leave', 'province', @distance.cannot_leave.province@),
    ('cannot_leave', 'paired', @distance.cannot_leave.paired@),
    ('cannot_leave', 'other', @distance.cannot_leave.other@)),
laborer AS (
    SELECT p.id_number, p.hukou_region AS region, p.sex,
           CAST(substr(p.birth_date, 1, 4) AS INTEGER) * -1 + 2021
               - (substr(p.birth_date, 6, 5) > '06-30') AS age,
           CASE WHEN p.difficulties LIKE '%无法外出%' THEN 'cannot_leave'
                WHEN p.employment_wish = '有就近就业意愿' THEN 'local'
                WHEN p.employment_wish = '有外出务工意愿' THEN 'migrant'
                ELSE 'any' END AS wish,
           COALESCE(p.skills, '') AS skills
    FROM people p
    WHERE p.labor_ability IN ('有劳动能力', '弱劳动能力')
      AND (p.employment_status IN ('未就业', '灵活就业') OR COALESCE(p.employment_status, '') = '')
      AND COALESCE(p.employment_wish, '') <> '无就业意愿' AND COALESCE(p.wants_job, 1) <> 0
      AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id_number = p.id_number
                      AND (j.end_date IS NULL OR j.end_date >= '2021-06-30'))),
posting AS (
    SELECT p.posting_code, p.region, COALESCE(p.pay_min, 0) AS pay_min, COALESCE(p.skills, '') AS skills,
           t.label, p.age_min, p.age_max, p.sex, p.accommodation
    FROM postings p JOIN trade t ON t.code = p.trade
    WHERE p.state = 'open' AND p.openings > 0 AND (p.deadline IS NULL OR p.deadline >= '2021-06-30')),
pair AS (
    SELECT l.id_number, p.posting_code, l.wish, p.accommodation,
           CASE WHEN substr(l.region, 1, 6) = substr(p.region, 1, 6) THEN 'county'
                WHEN substr(l.region, 1, 4) = substr(p.region, 1, 4) THEN 'city'
                WHEN substr(l.region, 1, 2) = substr(p.region, 1, 2) THEN 'province'
                WHEN 0 @pairs@ THEN 'paired'
                ELSE 'other' END AS class,
           l.skills <> '' AND ('；' || p.skills || '；' || p.label || '；') LIKE ('%；' || l.skills || '；%') AS fits,
           p.skills <> '' AS asks,
           MIN(p.pay_min, @pay.cap_yuan@ * 100) * @pay.per_thousand@ / 100000 AS pay_points
    FROM laborer l CROSS JOIN posting p
    WHERE (p.age_min IS NULL OR l.age >= p.age_min) AND (p.age_max IS NULL OR l.age <= p.age_max)
      AND (p.sex IS NULL OR p.sex = 'any' OR (p.sex = 'male' AND l.sex = '男')
           OR (p.sex = 'female' AND l.sex = '女'))),
scored AS (
    SELECT x.id_number, x.posting_code,
           d.points + x.pay_points
               + CASE WHEN x.class <> 'county' AND x.accommodation = 1 THEN @accommodation.away@ ELSE 0 END
               + CASE WHEN x.fits THEN @skill.match@ WHEN x.asks THEN @skill.missing@ ELSE 0 END AS score
    FROM pair x JOIN distance d ON d.wish = x.wish AND d.class = x.class
    WHERE d.points IS NOT NULL),
ranked AS (
    SELECT id_number, posting_code, score,
           ROW_NUMBER() OVER (PARTITION BY id_number ORDER BY score DESC, posting_code) AS rank
    FROM scored WHERE score >= @min_score@)
SELECT id_number || '|' || rank || '|' || posting_code || '|' || score FROM ranked WHERE rank <= 10;
