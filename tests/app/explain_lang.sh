#!/usr/bin/env bash
# explain_lang.sh - `explain --lang zh`: the same rows and numbers as in English (the JSON
# differs only in its sentences: `rule`, `why`, `arithmetic`), the sentences in Chinese with
# the codes' labels, the keys, codes and JSON names unchanged; English stays the default.
. "$(dirname "$0")/lib.sh"
"$COLLECTKPI" demo demo.db --size demo --end-month 2026-10 >/dev/null 2>&1 || { fail "demo"; finish; }
M=(--month 2026-10)
X() { "$COLLECTKPI" explain demo.db "${M[@]}" "$@"; }
X --agent E0013 --figure all --format json >en.json || fail "en"
X --agent E0013 --figure all --format json --lang zh >zh.json || fail "zh"
X --total --figure breaching_contacts --format json >en-breach.json || fail "en breaches"
X --total --figure breaching_contacts --format json --lang zh >zh-breach.json || fail "zh breaches"
X --agent E0013 --figure collected --why-not C00017451 --format json >en-why.json || fail "en why"
X --agent E0013 --figure collected --why-not C00017451 --format json --lang zh >zh-why.json ||
    fail "zh why"
/usr/bin/python3 - <<'PY' || fail "the Chinese explanation differs beyond its sentences"
import json

SENTENCES = {"rule", "why", "arithmetic"}

def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if k not in SENTENCES}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x

def sentences(x, out):
    if isinstance(x, dict):
        for k, v in x.items():
            if k in SENTENCES:
                out.append(v)
            else:
                sentences(v, out)
    elif isinstance(x, list):
        for v in x:
            sentences(v, out)
    return out

for name in ("", "-breach", "-why"):
    en = json.load(open(f"en{name}.json", encoding="utf-8"))
    zh = json.load(open(f"zh{name}.json", encoding="utf-8"))
    assert strip(en) == strip(zh), name
    en_texts, zh_texts = sentences(en, []), sentences(zh, [])
    assert len(en_texts) == len(zh_texts) > 0, name
    for e, z in zip(en_texts, zh_texts):
        assert any("\u4e00" <= ch <= "\u9fff" for ch in z) or e == z, (name, z)
        # no English sentence words left in a Chinese sentence
        for word in (" while ", " held the case", "payment of", "promise of", " breaks ",
                     "earlier on", "credited to ", "outside the period"):
            assert word not in z, (name, word, z)
PY
# The table: a Chinese heading and the codes' labels; English by default.
expect_exit 0 "$COLLECTKPI" explain demo.db "${M[@]}" --agent E0058 --figure breaches_attempts_per_day --lang zh
head -1 out | grep -q '^breaches_attempts_per_day（催收员 E0058 .*），统计期间 2026-10-01 00:00:00 .. 2026-11-01 00:00:00，as_of ' ||
    fail "zh heading: $(head -1 out)"
grep -q '外呼 电话，对象 无人' out || fail "zh: no code labels"
grep -q '^kpi 输出 9$' out || fail "zh: last line $(tail -1 out)"
expect_exit 0 "$COLLECTKPI" explain demo.db "${M[@]}" --agent E0058 --figure breaches_attempts_per_day
head -1 out | grep -q '^breaches_attempts_per_day of agent E0058 ' || fail "en heading: $(head -1 out)"
expect_exit 2 "$COLLECTKPI" explain demo.db "${M[@]}" --total --figure collected --lang fr
finish
