"""The data dictionary of 政府信息公开工作年度报告 statistics: one code per row and column.

The national formats (国办公开办函〔2019〕60号 and 国办公开办函〔2021〕30号) fix the rows and
columns of the report's three statistics tables; every cell of a report is stored as a row code
times a column code, so one query covers every publisher and year. Labels are the national
format's own words (the 2021 wording; ``label_2019`` where the 2019 format words it otherwise).
README, *Annual reports*, prints this dictionary; ``annual_report_codes`` holds it in the
database.
"""

from __future__ import annotations

from dataclasses import dataclass

SECTIONS = {
    "active": "二、主动公开政府信息情况",
    "apply": "三、收到和处理政府信息公开申请情况",
    "review": "四、政府信息公开行政复议、行政诉讼情况",
}


@dataclass(frozen=True)
class Code:
    code: str
    kind: str  # row | column
    section: str  # active | apply | review
    label: str  # as in the national format (2021 wording where the two differ)
    label_2019: str | None  # the 2019 format's wording, where it words it otherwise
    formats: str  # the formats that have it: "2019 2021", "2021" or "2019"
    unit: str
    description: str  # English


BOTH = "2019 2021"
BY_COLUMN = "见列 · by column"  # a row of the 主动公开 tables: each column has its unit
_NOT_DISCLOSED = "apply.result.not_disclosed"
_UNABLE = "apply.result.unable"
_NOT_PROCESSED = "apply.result.not_processed"
_OTHER = "apply.result.other"

CODES: tuple[Code, ...] = (
    # -- 二、主动公开政府信息情况: rows ---------------------------------------------------
    Code("active.regulations", "row", "active", "规章", None, BOTH, BY_COLUMN,
         "Government regulations (第二十条第（一）项)"),
    Code("active.normative_docs", "row", "active", "行政规范性文件", "规范性文件", BOTH, BY_COLUMN,
         "Administrative normative documents (第二十条第（一）项)"),
    Code("active.licensing", "row", "active", "行政许可", None, BOTH, BY_COLUMN,
         "Administrative licensing (第二十条第（五）项)"),
    Code("active.other_services", "row", "active", "其他对外管理服务事项", None, "2019", BY_COLUMN,
         "Other external management and service matters (2019 format, 第二十条第（五）项)"),
    Code("active.penalty", "row", "active", "行政处罚", None, BOTH, BY_COLUMN,
         "Administrative penalties (第二十条第（六）项)"),
    Code("active.coercion", "row", "active", "行政强制", None, BOTH, BY_COLUMN,
         "Administrative coercive measures (第二十条第（六）项)"),
    Code("active.fees", "row", "active", "行政事业性收费", None, BOTH, BY_COLUMN,
         "Administrative fees (第二十条第（八）项)"),
    Code("active.procurement", "row", "active", "政府集中采购", None, "2019", BY_COLUMN,
         "Centralised government procurement (2019 format, 第二十条第（九）项)"),
    # -- 二、主动公开政府信息情况: columns ------------------------------------------------
    Code("made", "column", "active", "本年制发件数", "本年新制作数量", BOTH, "件",
         "Made (issued) this year"),
    Code("repealed", "column", "active", "本年废止件数", None, "2021", "件",
         "Repealed this year"),
    Code("in_force", "column", "active", "现行有效件数", None, "2021", "件",
         "In force at the end of the year"),
    Code("published", "column", "active", "本年新公开数量", None, "2019", "件",
         "Newly published this year (2019 format)"),
    Code("total_published", "column", "active", "对外公开总数量", None, "2019", "件",
         "Published in all (2019 format)"),
    Code("items_last_year", "column", "active", "上一年项目数量", None, "2019", "项",
         "Number of items the year before (2019 format)"),
    Code("items_change", "column", "active", "本年增/减", None, "2019", "项",
         "Change of the number of items this year (2019 format)"),
    Code("decisions", "column", "active", "本年处理决定数量", "处理决定数量", BOTH, "件",
         "Decisions made this year"),
    Code("fee_amount", "column", "active", "本年收费金额（单位：万元）", None, "2021", "万元",
         "Fees collected this year, in 10,000 yuan"),
    Code("procurement_items", "column", "active", "采购项目数量", None, "2019", "项",
         "Number of procurement projects (2019 format)"),
    Code("procurement_amount", "column", "active", "采购总金额", None, "2019", "万元",
         "Total amount of procurement (2019 format; the unit as the report states it, "
         "usually 万元)"),
    # -- 三、收到和处理政府信息公开申请情况: rows --------------------------------------------
    Code("apply.new", "row", "apply", "一、本年新收政府信息公开申请数量", None, BOTH, "件",
         "Requests received this year"),
    Code("apply.carried_over", "row", "apply", "二、上年结转政府信息公开申请数量", None, BOTH,
         "件", "Requests carried over from the year before"),
    Code("apply.result.disclosed", "row", "apply", "（一）予以公开", None, BOTH, "件",
         "Results: disclosed"),
    Code("apply.result.partly_disclosed", "row", "apply",
         "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, BOTH, "件",
         "Results: partly disclosed"),
    Code(_NOT_DISCLOSED, "row", "apply", "（三）不予公开", None, BOTH, "件",
         "Results: not disclosed, where a report gives the subtotal (the format has only the "
         "eight reasons below)"),
    Code(f"{_NOT_DISCLOSED}.state_secret", "row", "apply", "1.属于国家秘密", None, BOTH, "件",
         "Not disclosed: state secret"),
    Code(f"{_NOT_DISCLOSED}.law_forbidden", "row", "apply", "2.其他法律行政法规禁止公开", None,
         BOTH, "件", "Not disclosed: forbidden by other laws and administrative regulations"),
    Code(f"{_NOT_DISCLOSED}.three_safety_one_stability", "row", "apply",
         "3.危及“三安全一稳定”", None, BOTH, "件",
         "Not disclosed: endangers national, public or economic security or social stability"),
    Code(f"{_NOT_DISCLOSED}.third_party_rights", "row", "apply", "4.保护第三方合法权益", None,
         BOTH, "件", "Not disclosed: protects a third party's lawful rights"),
    Code(f"{_NOT_DISCLOSED}.internal_affairs", "row", "apply", "5.属于三类内部事务信息", None,
         BOTH, "件", "Not disclosed: internal affairs information"),
    Code(f"{_NOT_DISCLOSED}.process_info", "row", "apply", "6.属于四类过程性信息", None, BOTH,
         "件", "Not disclosed: process information"),
    Code(f"{_NOT_DISCLOSED}.enforcement_case", "row", "apply", "7.属于行政执法案卷", None, BOTH,
         "件", "Not disclosed: administrative enforcement case files"),
    Code(f"{_NOT_DISCLOSED}.administrative_query", "row", "apply", "8.属于行政查询事项", None,
         BOTH, "件", "Not disclosed: administrative query matters"),
    Code(_UNABLE, "row", "apply", "（四）无法提供", None, BOTH, "件",
         "Results: unable to provide, where a report gives the subtotal"),
    Code(f"{_UNABLE}.no_info", "row", "apply", "1.本机关不掌握相关政府信息", None, BOTH, "件",
         "Unable to provide: the body does not hold the information"),
    Code(f"{_UNABLE}.needs_creation", "row", "apply", "2.没有现成信息需要另行制作", None, BOTH,
         "件", "Unable to provide: no existing information, it would have to be made"),
    Code(f"{_UNABLE}.unclear", "row", "apply", "3.补正后申请内容仍不明确", None, BOTH, "件",
         "Unable to provide: the request is still unclear after correction"),
    Code(_NOT_PROCESSED, "row", "apply", "（五）不予处理", None, BOTH, "件",
         "Results: not processed, where a report gives the subtotal"),
    Code(f"{_NOT_PROCESSED}.complaint", "row", "apply", "1.信访举报投诉类申请", None, BOTH, "件",
         "Not processed: petitions, reports and complaints"),
    Code(f"{_NOT_PROCESSED}.repeated", "row", "apply", "2.重复申请", None, BOTH, "件",
         "Not processed: repeated request"),
    Code(f"{_NOT_PROCESSED}.publication", "row", "apply", "3.要求提供公开出版物", None, BOTH,
         "件", "Not processed: asks for a public publication"),
    Code(f"{_NOT_PROCESSED}.mass_repeated", "row", "apply", "4.无正当理由大量反复申请", None,
         BOTH, "件", "Not processed: many repeated requests without good reason"),
    Code(f"{_NOT_PROCESSED}.confirm", "row", "apply",
         "5.要求行政机关确认或重新出具已获取信息", None, BOTH, "件",
         "Not processed: asks to confirm or re-issue information already obtained"),
    Code(_OTHER, "row", "apply", "（六）其他处理", None, BOTH, "件",
         "Results: handled otherwise (one row in the 2019 format; the subtotal in 2021)"),
    Code(f"{_OTHER}.overdue_correction", "row", "apply",
         "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", None, "2021", "件",
         "Handled otherwise: the applicant did not complete the request in time"),
    Code(f"{_OTHER}.overdue_fee", "row", "apply",
         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", None,
         "2021", "件", "Handled otherwise: the applicant did not pay the fee in time"),
    Code(f"{_OTHER}.other", "row", "apply", "3.其他", None, "2021", "件",
         "Handled otherwise: other"),
    Code("apply.result.total", "row", "apply", "（七）总计", None, BOTH, "件",
         "Results: total"),
    Code("apply.carried_forward", "row", "apply", "四、结转下年度继续办理", None, BOTH, "件",
         "Carried forward to the next year"),
    # -- 三、收到和处理政府信息公开申请情况: columns -----------------------------------------
    Code("applicant.natural_person", "column", "apply", "自然人", None, BOTH, "件",
         "Applicant: natural person"),
    Code("applicant.legal_person.commercial", "column", "apply", "法人或其他组织·商业企业", None,
         BOTH, "件", "Applicant: legal person or other organisation, commercial enterprise"),
    Code("applicant.legal_person.research", "column", "apply", "法人或其他组织·科研机构", None,
         BOTH, "件", "Applicant: legal person or other organisation, research institution"),
    Code("applicant.legal_person.public_interest", "column", "apply",
         "法人或其他组织·社会公益组织", None, BOTH, "件",
         "Applicant: legal person or other organisation, public-interest organisation"),
    Code("applicant.legal_person.legal_service", "column", "apply",
         "法人或其他组织·法律服务机构", None, BOTH, "件",
         "Applicant: legal person or other organisation, legal service provider"),
    Code("applicant.legal_person.other", "column", "apply", "法人或其他组织·其他", None, BOTH,
         "件", "Applicant: legal person or other organisation, other"),
    Code("applicant.total", "column", "apply", "总计", None, BOTH, "件", "All applicants"),
    # -- 四、政府信息公开行政复议、行政诉讼情况: rows -----------------------------------------
    Code("review.reconsideration", "row", "review", "行政复议", None, BOTH, "件",
         "Administrative reconsideration"),
    Code("review.litigation_direct", "row", "review", "行政诉讼·未经复议直接起诉", None, BOTH,
         "件", "Administrative litigation filed without reconsideration"),
    Code("review.litigation_after_reconsideration", "row", "review", "行政诉讼·复议后起诉",
         None, BOTH, "件", "Administrative litigation filed after reconsideration"),
    # -- 四、政府信息公开行政复议、行政诉讼情况: columns --------------------------------------
    Code("outcome.upheld", "column", "review", "结果维持", None, BOTH, "件", "Decision upheld"),
    Code("outcome.corrected", "column", "review", "结果纠正", None, BOTH, "件",
         "Decision corrected"),
    Code("outcome.other", "column", "review", "其他结果", None, BOTH, "件", "Other outcome"),
    Code("outcome.pending", "column", "review", "尚未审结", None, BOTH, "件", "Not yet decided"),
    Code("outcome.total", "column", "review", "总计", None, BOTH, "件", "All cases"),
)  # fmt: skip

BY_CODE: dict[str, Code] = {c.code: c for c in CODES}
APPLY_COLUMNS = tuple(c.code for c in CODES if c.section == "apply" and c.kind == "column")
APPLICANT_COLUMNS = APPLY_COLUMNS[:-1]  # every column but 总计
REVIEW_ROWS = tuple(c.code for c in CODES if c.section == "review" and c.kind == "row")
OUTCOME_COLUMNS = tuple(c.code for c in CODES if c.section == "review" and c.kind == "column")
RESULT_GROUPS = (_NOT_DISCLOSED, _UNABLE, _NOT_PROCESSED, _OTHER)
# the rows whose sum is 本年度办理结果 总计: each group counts by its subtotal where a report
# gives one, else by the sum of its reasons
RESULT_ROWS = ("apply.result.disclosed", "apply.result.partly_disclosed", *RESULT_GROUPS)
MONEY_COLUMNS = frozenset({"fee_amount", "procurement_amount"})

# Headline numbers: name -> (row code, column code); request counts are the 总计 column.
HEADLINE_CELLS: dict[str, tuple[str, str]] = {
    "regulations_made": ("active.regulations", "made"),
    "regulations_repealed": ("active.regulations", "repealed"),
    "regulations_in_force": ("active.regulations", "in_force"),
    "normative_docs_made": ("active.normative_docs", "made"),
    "normative_docs_repealed": ("active.normative_docs", "repealed"),
    "normative_docs_in_force": ("active.normative_docs", "in_force"),
    "licensing_decisions": ("active.licensing", "decisions"),
    "penalty_decisions": ("active.penalty", "decisions"),
    "coercion_decisions": ("active.coercion", "decisions"),
    "requests_new": ("apply.new", "applicant.total"),
    "requests_carried_over": ("apply.carried_over", "applicant.total"),
    "result_disclosed": ("apply.result.disclosed", "applicant.total"),
    "result_partly_disclosed": ("apply.result.partly_disclosed", "applicant.total"),
    "result_refused": (_NOT_DISCLOSED, "applicant.total"),
    "result_unable": (_UNABLE, "applicant.total"),
    "result_not_processed": (_NOT_PROCESSED, "applicant.total"),
    "result_other": (_OTHER, "applicant.total"),
    "result_total": ("apply.result.total", "applicant.total"),
    "requests_carried_forward": ("apply.carried_forward", "applicant.total"),
    "review_total": ("review.reconsideration", "outcome.total"),
    "review_corrected": ("review.reconsideration", "outcome.corrected"),
    "litigation_total": ("review.litigation_*", "outcome.total"),
    "litigation_corrected": ("review.litigation_*", "outcome.corrected"),
    "fees_wan_yuan": ("active.fees", "fee_amount"),
}
HEADLINE_KEYS = tuple(HEADLINE_CELLS)
