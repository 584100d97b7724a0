""" Contains all the data models used in inputs/outputs """

from .action_item_input import ActionItemInput
from .action_item_public import ActionItemPublic
from .action_item_state import ActionItemState
from .action_item_update import ActionItemUpdate
from .action_items_input import ActionItemsInput
from .action_items_public import ActionItemsPublic
from .amend_input import AmendInput
from .approve_input import ApproveInput
from .batch_public import BatchPublic
from .batch_public_changes_item import BatchPublicChangesItem
from .batch_public_errors_item import BatchPublicErrorsItem
from .batch_public_warnings_item import BatchPublicWarningsItem
from .certainty import Certainty
from .close_input import CloseInput
from .confidence import Confidence
from .decision_input import DecisionInput
from .decision_public import DecisionPublic
from .decisions_input import DecisionsInput
from .direction import Direction
from .due_item import DueItem
from .due_list import DueList
from .focus_area_public import FocusAreaPublic
from .focus_areas_public import FocusAreasPublic
from .fora_history_event import ForaHistoryEvent
from .fora_history_event_after_type_0 import ForaHistoryEventAfterType0
from .fora_history_event_before_type_0 import ForaHistoryEventBeforeType0
from .fora_history_public import ForaHistoryPublic
from .fora_organisation_ref import ForaOrganisationRef
from .fora_public import ForaPublic
from .forum_public import ForumPublic
from .forum_scope import ForumScope
from .forum_summary import ForumSummary
from .get_meeting_pack_format import GetMeetingPackFormat
from .get_meeting_pack_lang import GetMeetingPackLang
from .get_status_report_format import GetStatusReportFormat
from .get_status_report_lang import GetStatusReportLang
from .health_public import HealthPublic
from .health_public_scheduler_type_0 import HealthPublicSchedulerType0
from .health_public_status import HealthPublicStatus
from .import_problem import ImportProblem
from .import_problem_changes_item import ImportProblemChangesItem
from .import_problem_errors_item import ImportProblemErrorsItem
from .import_problem_warnings_item import ImportProblemWarningsItem
from .import_upload import ImportUpload
from .indicator_public import IndicatorPublic
from .indicator_public_disaggregation_type_0 import IndicatorPublicDisaggregationType0
from .indicator_value_input import IndicatorValueInput
from .indicator_value_public import IndicatorValuePublic
from .initiative_detail import InitiativeDetail
from .initiative_ref import InitiativeRef
from .initiative_summary import InitiativeSummary
from .initiatives_public import InitiativesPublic
from .issue_input import IssueInput
from .issue_input_format import IssueInputFormat
from .issue_input_lang import IssueInputLang
from .job_public import JobPublic
from .job_run_public import JobRunPublic
from .job_run_public_result_type_0 import JobRunPublicResultType0
from .jobs_public import JobsPublic
from .jobs_public_scheduler import JobsPublicScheduler
from .lock_input import LockInput
from .mail_meeting_pack_lang import MailMeetingPackLang
from .meeting_input import MeetingInput
from .meeting_public import MeetingPublic
from .meeting_summary import MeetingSummary
from .meeting_update import MeetingUpdate
from .migrations_public import MigrationsPublic
from .milestone_public import MilestonePublic
from .milestone_update_input import MilestoneUpdateInput
from .milestone_update_public import MilestoneUpdatePublic
from .observation_public import ObservationPublic
from .organisation_kind import OrganisationKind
from .organisation_public import OrganisationPublic
from .organisations_public import OrganisationsPublic
from .outbox_public import OutboxPublic
from .pack_mail_result import PackMailResult
from .page_links import PageLinks
from .period_lock_public import PeriodLockPublic
from .period_public import PeriodPublic
from .period_state import PeriodState
from .periods_public import PeriodsPublic
from .plan_detail import PlanDetail
from .plan_summary import PlanSummary
from .plans_organisation_ref import PlansOrganisationRef
from .plans_public import PlansPublic
from .problem import Problem
from .problem_error import ProblemError
from .progress_history_event import ProgressHistoryEvent
from .progress_history_event_after_type_0 import ProgressHistoryEventAfterType0
from .progress_history_event_before_type_0 import ProgressHistoryEventBeforeType0
from .progress_history_public import ProgressHistoryPublic
from .progress_status import ProgressStatus
from .reason_input import ReasonInput
from .report_input import ReportInput
from .report_public import ReportPublic
from .report_state import ReportState
from .return_input import ReturnInput
from .role import Role
from .snapshot_public import SnapshotPublic
from .snapshot_public_format import SnapshotPublicFormat
from .snapshot_public_language import SnapshotPublicLanguage
from .snapshots_public import SnapshotsPublic
from .target_public import TargetPublic
from .token_create import TokenCreate
from .token_created import TokenCreated
from .token_public import TokenPublic
from .tokens_public import TokensPublic

__all__ = (
    "ActionItemInput",
    "ActionItemPublic",
    "ActionItemsInput",
    "ActionItemsPublic",
    "ActionItemState",
    "ActionItemUpdate",
    "AmendInput",
    "ApproveInput",
    "BatchPublic",
    "BatchPublicChangesItem",
    "BatchPublicErrorsItem",
    "BatchPublicWarningsItem",
    "Certainty",
    "CloseInput",
    "Confidence",
    "DecisionInput",
    "DecisionPublic",
    "DecisionsInput",
    "Direction",
    "DueItem",
    "DueList",
    "FocusAreaPublic",
    "FocusAreasPublic",
    "ForaHistoryEvent",
    "ForaHistoryEventAfterType0",
    "ForaHistoryEventBeforeType0",
    "ForaHistoryPublic",
    "ForaOrganisationRef",
    "ForaPublic",
    "ForumPublic",
    "ForumScope",
    "ForumSummary",
    "GetMeetingPackFormat",
    "GetMeetingPackLang",
    "GetStatusReportFormat",
    "GetStatusReportLang",
    "HealthPublic",
    "HealthPublicSchedulerType0",
    "HealthPublicStatus",
    "ImportProblem",
    "ImportProblemChangesItem",
    "ImportProblemErrorsItem",
    "ImportProblemWarningsItem",
    "ImportUpload",
    "IndicatorPublic",
    "IndicatorPublicDisaggregationType0",
    "IndicatorValueInput",
    "IndicatorValuePublic",
    "InitiativeDetail",
    "InitiativeRef",
    "InitiativesPublic",
    "InitiativeSummary",
    "IssueInput",
    "IssueInputFormat",
    "IssueInputLang",
    "JobPublic",
    "JobRunPublic",
    "JobRunPublicResultType0",
    "JobsPublic",
    "JobsPublicScheduler",
    "LockInput",
    "MailMeetingPackLang",
    "MeetingInput",
    "MeetingPublic",
    "MeetingSummary",
    "MeetingUpdate",
    "MigrationsPublic",
    "MilestonePublic",
    "MilestoneUpdateInput",
    "MilestoneUpdatePublic",
    "ObservationPublic",
    "OrganisationKind",
    "OrganisationPublic",
    "OrganisationsPublic",
    "OutboxPublic",
    "PackMailResult",
    "PageLinks",
    "PeriodLockPublic",
    "PeriodPublic",
    "PeriodsPublic",
    "PeriodState",
    "PlanDetail",
    "PlansOrganisationRef",
    "PlansPublic",
    "PlanSummary",
    "Problem",
    "ProblemError",
    "ProgressHistoryEvent",
    "ProgressHistoryEventAfterType0",
    "ProgressHistoryEventBeforeType0",
    "ProgressHistoryPublic",
    "ProgressStatus",
    "ReasonInput",
    "ReportInput",
    "ReportPublic",
    "ReportState",
    "ReturnInput",
    "Role",
    "SnapshotPublic",
    "SnapshotPublicFormat",
    "SnapshotPublicLanguage",
    "SnapshotsPublic",
    "TargetPublic",
    "TokenCreate",
    "TokenCreated",
    "TokenPublic",
    "TokensPublic",
)
