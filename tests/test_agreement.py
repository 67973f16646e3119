"""The score a consultant reads: osi_raw from detection against osi_raw from human labels."""

import pytest

from stages.agreement import score_agreement
from stages.framework import load_framework

UN2012 = load_framework("un2012")


def all_features(state="present", **overrides):
    states = {f: state for f in UN2012.features}
    states.update({k.replace("__", "."): v for k, v in overrides.items()})
    return states


def test_a_missed_stage3_feature_costs_its_weight_and_a_stage1_miss_little():
    labels = {"a": all_features(), "b": all_features(), "c": all_features("absent", info__news="present")}
    detected = {"a": all_features(payment__online="absent"),        # stage 3: 30 x 25 % of 100
                "b": all_features(info__news="absent"),               # stage 1: 7 x 20 % of 100
                "c": all_features("absent", info__news="present")}
    result = score_agreement(UN2012, labels, detected, {"a": "ok", "b": "partial", "c": "ok"})
    errors = {s.site_id: round(s.error, 2) for s in result.sites}
    assert errors == {"a": 7.5, "b": 1.4, "c": 0.0}
    assert result.within == 3 and result.share_within == 1.0
    assert result.worst.site_id == "a" and result.mean_error == pytest.approx((7.5 + 1.4) / 3)


def test_tolerance_and_rank_correlation():
    labels = {s: all_features("absent") for s in "abcd"}
    labels["a"].update({f: "present" for f in UN2012.features})          # 100
    labels["b"].update({f: "present" for f in UN2012.features[:9]})      # stages 1-2
    labels["c"].update({f: "present" for f in UN2012.features[:5]})      # stage 1
    detected = {s: dict(v) for s, v in labels.items()}
    detected["d"]["payment.online"] = "present"                          # 7.5: within 10
    result = score_agreement(UN2012, labels, detected, dict.fromkeys("abcd", "ok"))
    assert result.within == 4
    # d now outranks c (7.5 > 7): the rankings no longer agree exactly
    assert 0.5 < result.spearman < 1.0
    strict = score_agreement(UN2012, labels, detected, dict.fromkeys("abcd", "ok"), tolerance=5)
    assert strict.within == 3 and strict.share_within == 0.75


def test_only_fully_labelled_crawled_sites_are_compared():
    labels = {"splash": all_features("unknown"), "half": all_features(info__news="unknown"),
              "gone": all_features(), "ok": all_features()}
    detected = {"splash": all_features("unknown"), "half": all_features(), "ok": all_features()}
    result = score_agreement(UN2012, labels, detected, {"splash": "ok", "half": "ok", "ok": "ok"})
    assert [s.site_id for s in result.sites] == ["ok"]           # "gone" was not in the run
    assert result.partly_labelled == ["half", "splash"]
    assert result.spearman is None                                # too few sites to rank


def test_a_site_detection_could_not_score_counts_as_a_disagreement():
    labels = {"a": all_features(), "b": all_features("absent")}
    detected = {"a": all_features("unknown"), "b": all_features("absent")}
    result = score_agreement(UN2012, labels, detected, {"a": "ok", "b": "unreachable"})
    assert [(s.site_id, s.from_detection) for s in result.sites] == [("a", None), ("b", None)]
    assert result.within == 0 and result.mean_error is None
