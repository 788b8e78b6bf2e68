//! The flows of `shared/corpus/connect-flows`, one line each (test name => file stem), for the
//! test files that give every corpus flow a test of its own. Include with
//! `#[macro_use] #[path = "common/corpus_flows.rs"] mod corpus_flows;` and call
//! `with_corpus_flows!(your_macro)`: `your_macro!` receives the whole list. [`read_corpus`]
//! reads one of them.

use std::path::Path;

/// The folder of the corpus flows.
pub const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/connect-flows"
);

/// The text of a corpus file, or `None` (with a notice) when the corpus is not checked out.
/// Under CI (`CI` set) a missing corpus is a failure.
pub fn read_corpus(stem: &str) -> Option<String> {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "the Connect corpus is missing at {CORPUS}"
        );
        eprintln!("notice: {CORPUS} not found; skipping corpus test {stem}");
        return None;
    }
    let path = dir.join(format!("{stem}.json"));
    match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    }
}

macro_rules! with_corpus_flows {
    ($m:ident) => {
        $m! {
        analytics_simpleinboundflow => "analytics__SimpleInboundFlow",
        c3_c3_payment_ivr_flow_module => "c3__c3-payment-ivr-flow-module",
        c3_c3_subject_lookup_flow => "c3__c3-subject-lookup-flow",
        cbcm_sample_interruptible_queue_flow_with_callback_2 => "cbcm__Sample_interruptible_queue_flow_with_callback-2",
        cbcm_test_callback_contact_flow => "cbcm__test_callback_contact_flow",
        cbmgmt_cfoutboundwhisperflow => "cbmgmt__cfOutboundWhisperflow",
        chatui_interactivemsg_contactflowlexv2_export => "chatui__InteractiveMsg_ContactFlowLexV2_Export",
        cresta_va_pstn_transfer => "cresta__VA_PSTN_Transfer",
        expb_contact_flow_hop_content => "expb__contact-flow-hop.content",
        expb_contact_flow_queue_content => "expb__contact-flow-queue.content",
        expb_contact_flow_setup_content => "expb__contact-flow-setup.content",
        gitlab_messageparticipantiteratively_holds => "gitlab__messageParticipantIteratively_holds",
        gm_00_mainpatient_flow_in_closed => "gm__00_mainpatient_flow_in_closed",
        gm_00_mainpatient_flow_in_open => "gm__00_mainpatient_flow_in_open",
        gm_01_goodmeasures_corp_in_closed => "gm__01_goodmeasures_corp_in_closed",
        gm_02_gm_vvip_in_open_closed => "gm__02_gm_vvip_in_open_closed",
        gm_03_ahead_voicemail_flow_english => "gm__03_ahead_voicemail_flow_english",
        gm_0x_gm_outbound => "gm__0x_gm_outbound",
        gm_0x_good_measures_queue_flow => "gm__0x_good_measures_queue_flow",
        gm_0x_inbound_to_agent => "gm__0x_inbound_to_agent",
        gm_0x_receptionist_queue_flow => "gm__0x_receptionist_queue_flow",
        gm_0x_whisper_flow => "gm__0x_whisper_flow",
        gm_default_agent_hold => "gm__default_agent_hold",
        gm_default_agent_transfer => "gm__default_agent_transfer",
        gm_default_agent_whisper => "gm__default_agent_whisper",
        gm_default_customer_hold => "gm__default_customer_hold",
        gm_default_customer_queue => "gm__default_customer_queue",
        gm_default_outbound => "gm__default_outbound",
        gm_default_queue_transfer => "gm__default_queue_transfer",
        gm_sample_interruptible_queue_flow_with_callback => "gm__sample_interruptible_queue_flow_with_callback",
        gm_sample_lambda_integration => "gm__sample_lambda_integration",
        gm_sample_note_for_screenpop => "gm__sample_note_for_screenpop",
        gm_sample_queue_configurations_flow => "gm__sample_queue_configurations_flow",
        gm_sample_queue_customer => "gm__sample_queue_customer",
        gm_sample_recording_behavior => "gm__sample_recording_behavior",
        gm_sample_secure_input_with_no_agent => "gm__sample_secure_input_with_no_agent",
        ivrvm_voicemail_notifications_routing => "ivrvm__voicemail-notifications-routing",
        ivrvm_voicemail => "ivrvm__voicemail",
        lexdeploy_lex_deploy_demo_py_medicarecardreplacement_flow => "lexdeploy__lex-deploy-demo-py-MedicareCardReplacement_Flow",
        obcall_getcustomernamemodule => "obcall__GetCustomerNameModule",
        obcall_initmodule => "obcall__InitModule",
        obcall_outboundcallflow => "obcall__OutboundCallFlow",
        obcall_outboundcallwhisperer => "obcall__OutboundCallWhisperer",
        powerdialer_view_dialer_dispositioncodes => "powerdialer__View-Dialer-DispositionCodes",
        rules_rulesengineagentwhisper => "rules__RulesEngineAgentWhisper",
        rules_rulesenginebootstrap => "rules__RulesEngineBootstrap",
        rules_rulesenginedisconnect => "rules__RulesEngineDisconnect",
        rules_rulesengineintegration => "rules__RulesEngineIntegration",
        rules_rulesenginemain => "rules__RulesEngineMain",
        rules_rulesengineoutboundwhisper => "rules__RulesEngineOutboundWhisper",
        sbs_sbsguides_example_agentworkspace_handler => "sbs__SBSGuides_Example_AgentWorkspace_Handler",
        sbs_sbsguides_example_createandreviewtasks_create => "sbs__SBSGuides_Example_CreateAndReviewTasks_Create",
        sbs_sbsguides_modules_cases => "sbs__SBSGuides_Modules_Cases",
        sbs_sbs_lex_integration_handler => "sbs__SBS_Lex_Integration_Handler",
        sbs_voiceid_handlercontactflow => "sbs__VoiceID_handlerContactFlow",
        sbs_voiceid_viewcontactflow => "sbs__VoiceID_viewContactFlow",
        surveys_1_survey_example_disconnect => "surveys__1-Survey_Example_Disconnect",
        surveys_2_simple_survey_example => "surveys__2-Simple_Survey_Example",
        }
    };
}
