//! The decompiler on real flows: every corpus flow (`shared/corpus/connect-flows`) decompiles to
//! `.dial` that checks without errors and compiles back to an equivalent flow
//! (`connect::equivalent`: same reachable actions, parameters and outcomes, identifiers and
//! layout aside). One test per corpus file.

use std::path::Path;

use dialect_compiler::compile::{Options, analyze};
use dialect_compiler::connect::{equivalent, import_flow};
use dialect_compiler::decompile::decompile;
use dialect_compiler::diagnostics::Severity;
use dialect_compiler::lower::{Placeholders, lower};
use dialect_compiler::source::MemoryLoader;
use dialect_compiler::span::FileId;

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/connect-flows"
);

fn round_trip(stem: &str) {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "the Connect corpus is missing at {CORPUS}"
        );
        eprintln!("notice: {CORPUS} not found; skipping {stem}");
        return;
    }
    let text = std::fs::read_to_string(dir.join(format!("{stem}.json"))).expect("readable");
    let (flow, diags) = import_flow(FileId(0), &text);
    let original = flow.unwrap_or_else(|| panic!("{stem} imports: {diags:#?}"));
    let source = decompile(&original, stem);
    let mut loader = MemoryLoader::default();
    loader.insert("imported.dial", source.clone());
    let project = analyze(
        &loader,
        &Options {
            roots: vec!["imported.dial".into()],
            environments: vec![],
        },
    );
    let errors: Vec<_> = project
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(
        errors.is_empty(),
        "{stem}: the decompiled source has errors: {errors:#?}\n{source}"
    );
    let lowered = lower(&project.model, &Placeholders);
    assert_eq!(lowered.flows.len(), 1, "{stem}");
    let rebuilt = &lowered.flows[0].flow;
    if let Err(e) = equivalent(&original, rebuilt) {
        panic!("{stem}: not equivalent after decompile and compile: {e}\n{source}");
    }
    assert_eq!(
        rebuilt.actions.len(),
        original.index().len(),
        "{stem}: every action (reachable or not) comes back once"
    );
    // Decompiling is deterministic.
    assert_eq!(decompile(&original, stem), source);
}

macro_rules! corpus_tests {
    ($($name:ident => $stem:literal,)*) => {
        /// Every corpus file, so that a new file cannot be added without a test.
        const CORPUS_STEMS: &[&str] = &[$($stem),*];
        $(
            #[test]
            fn $name() {
                round_trip($stem);
            }
        )*
    };
}

corpus_tests! {
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

#[test]
fn every_corpus_flow_has_a_round_trip_test() {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        return;
    }
    let mut stems: Vec<String> = std::fs::read_dir(dir)
        .expect("readable")
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_string_lossy()
                .strip_suffix(".json")
                .map(str::to_owned)
        })
        .collect();
    stems.sort();
    let mut listed: Vec<&str> = CORPUS_STEMS.to_vec();
    listed.sort_unstable();
    assert_eq!(stems, listed);
}
