//! A [`Program`]: flows (and bots) compiled once for fast simulation.
//!
//! Every action becomes an [`Op`]: identifiers are resolved to indices, parameters to
//! [`Expr`]s, condition operands parsed, attribute names interned. A call then runs over
//! indices only. Compiling never fails: what cannot be run becomes [`OpKind::Unsupported`]
//! (a runtime error when reached), and a dangling target becomes [`Target::Missing`].

use dialect_compiler::connect::params::{Media, Prompt};
use dialect_compiler::connect::{
    Action, ActionKind, ErrorType, Flow, FlowType, Operand, Operator, Scalar,
};
use dialect_compiler::lex::Bot;

use crate::expr::{Expr, Interner, Sym};
use crate::nlu::BotModel;
use crate::world::matches_id;

/// Where a branch goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// No target written.
    None,
    /// An action of the same flow (index).
    Action(u32),
    /// A target that names no action: index into [`CompiledFlow::missing`].
    Missing(u32),
}

/// A compiled condition branch.
#[derive(Debug, Clone, PartialEq)]
pub struct Cond {
    /// The operator.
    pub operator: Operator,
    /// The operand (empty when it was not a single string).
    pub operand: String,
    /// The operand as a number, for numeric operators.
    pub number: Option<f64>,
    /// Where it goes.
    pub target: Target,
}

impl Cond {
    /// Whether the condition holds for `value`.
    #[must_use]
    pub fn holds(&self, value: &str) -> bool {
        let num = || value.trim().parse::<f64>().ok().filter(|f| f.is_finite());
        match self.operator {
            Operator::Equals => value == self.operand,
            Operator::TextStartsWith => value.starts_with(self.operand.as_str()),
            Operator::TextEndsWith => value.ends_with(self.operand.as_str()),
            Operator::TextContains => value.contains(self.operand.as_str()),
            Operator::NumberGreaterThan => {
                matches!((num(), self.number), (Some(a), Some(b)) if a > b)
            }
            Operator::NumberGreaterOrEqualTo => {
                matches!((num(), self.number), (Some(a), Some(b)) if a >= b)
            }
            Operator::NumberLessThan => matches!((num(), self.number), (Some(a), Some(b)) if a < b),
            Operator::NumberLessOrEqualTo => {
                matches!((num(), self.number), (Some(a), Some(b)) if a <= b)
            }
            Operator::Other(_) => false,
        }
    }
}

/// A prompt, compiled.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptExpr {
    /// No prompt.
    None,
    /// Text to speech.
    Text(Expr),
    /// SSML.
    Ssml(Expr),
    /// A prompt-library prompt or an audio file: shown as `<id>`.
    Audio(Expr),
}

impl PromptExpr {
    fn compile(p: Option<Prompt<'_>>, i: &mut Interner) -> Self {
        match p {
            None => PromptExpr::None,
            Some(Prompt::Text(s)) => PromptExpr::Text(Expr::compile(s, i)),
            Some(Prompt::Ssml(s)) => PromptExpr::Ssml(Expr::compile(s, i)),
            Some(Prompt::PromptId(s)) => PromptExpr::Audio(Expr::compile(s, i)),
            Some(Prompt::Media(Media { uri, .. })) => {
                PromptExpr::Audio(Expr::compile_opt(uri.as_ref(), i))
            }
        }
    }
}

/// Phone-number validation of stored input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneFormat {
    /// A national number of the given country (`JP`, `US`, …).
    Local(String),
    /// An international number.
    E164,
}

/// Which customer-profile action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileOp {
    /// `GetCustomerProfile` (and the other lookups).
    Get,
    /// Create, update, associate: succeed.
    Write,
}

/// What an action does, with its parameters compiled.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub enum OpKind {
    Message(PromptExpr),
    GetInput {
        prompt: PromptExpr,
        store: bool,
        timeout: u32,
        max_length: Option<usize>,
        phone: Option<PhoneFormat>,
        terminator: String,
    },
    Lex {
        prompt: PromptExpr,
        /// Index in [`Program::bots`].
        bot: Option<u32>,
        bot_label: String,
    },
    Disconnect,
    EndFlow,
    EndModule,
    ToAgent,
    LoopPrompts {
        prompts: Vec<PromptExpr>,
        /// `InterruptFrequencySeconds`, when set and above zero.
        interrupt_s: Option<u64>,
    },
    SetAttributes(Vec<(Sym, Expr)>),
    SetFlowAttributes(Vec<(Sym, Expr)>),
    SetQueue(Expr),
    ToQueue,
    Dequeue(Expr),
    SetHook(String, Expr),
    SetCallbackNumber(Expr),
    Compare(Expr),
    CheckHours(Option<Expr>),
    CheckMetric {
        metric: String,
        queue: Option<Expr>,
    },
    GetMetrics(Option<Expr>),
    Distribute,
    Loop {
        count: Expr,
        /// Index of this loop's counter in a call.
        slot: u32,
    },
    Wait,
    ToFlow(Expr),
    InvokeModule(Expr),
    Lambda {
        function: Expr,
        timeout: u32,
        params: Vec<(String, Expr)>,
        json: bool,
    },
    Callback {
        queue: Option<Expr>,
        delay: Expr,
    },
    Profile {
        op: ProfileOp,
        request: Vec<(String, Expr)>,
    },
    ThirdParty {
        number: Expr,
        continues: bool,
    },
    ShowView,
    VoiceId,
    OutboundStatus,
    SetLanguage(Expr),
    SetVoice(Expr),
    /// An outbound message or another action whose parameters are shown in the trace.
    Show(Vec<(String, Expr)>),
    /// Settings with no effect on the path (logging, recording, streaming, routing, tags, …).
    Passive,
    /// A type the simulator cannot run.
    Unsupported(String),
}

/// A compiled action.
#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    /// `Identifier`.
    pub id: String,
    /// `Type`.
    pub type_name: String,
    /// What it does.
    pub kind: OpKind,
    /// `NextAction`.
    pub next: Target,
    /// `Conditions`, in order.
    pub conds: Vec<Cond>,
    /// `Errors`, in order.
    pub errors: Vec<(ErrorType, Target)>,
    /// Whether `NextAction` also serves as the else branch (an export quirk, see the reference).
    pub next_is_fallback: bool,
}

impl Op {
    /// The branch for an error: the specific one, else `NoMatchingError`.
    #[must_use]
    pub fn error_branch(&self, error: &ErrorType) -> Option<u16> {
        let find = |e: &ErrorType| {
            self.errors
                .iter()
                .position(|(t, _)| t == e)
                .and_then(|i| u16::try_from(i).ok())
        };
        find(error).or_else(|| {
            if *error == ErrorType::NoMatchingCondition {
                None
            } else {
                find(&ErrorType::NoMatchingError)
            }
        })
    }
}

/// A compiled flow.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledFlow {
    /// The name it was given.
    pub name: String,
    /// Other names that refer to it (ids, ARNs).
    pub aliases: Vec<String>,
    /// The flow type, when the document says.
    pub flow_type: Option<FlowType>,
    /// The start action.
    pub start: Target,
    /// The actions, in document order.
    pub ops: Vec<Op>,
    /// Target identifiers that name no action.
    pub missing: Vec<String>,
}

impl CompiledFlow {
    /// The name of a missing target.
    #[must_use]
    pub fn missing_name(&self, i: u32) -> &str {
        self.missing.get(i as usize).map_or("", String::as_str)
    }

    /// Whether a name, id or ARN refers to this flow.
    #[must_use]
    pub fn answers_to(&self, name: &str) -> bool {
        matches_id(&self.name, name) || self.aliases.iter().any(|a| matches_id(a, name))
    }
}

/// Flows and bots compiled for simulation.
#[derive(Debug, Clone, Default)]
pub struct Program {
    /// The flows, in the order given.
    pub flows: Vec<CompiledFlow>,
    /// The bots.
    pub bots: Vec<BotModel>,
    /// Attribute names.
    pub names: Interner,
    /// How many loop counters a call needs.
    pub loops: u32,
}

/// Builds a [`Program`].
#[derive(Debug, Default)]
pub struct ProgramBuilder {
    flows: Vec<(String, Vec<String>, Flow)>,
    bots: Vec<(Bot, Vec<String>)>,
}

impl ProgramBuilder {
    /// Adds a flow under a name (and optional aliases: its id or ARN).
    #[must_use]
    pub fn flow(mut self, name: impl Into<String>, flow: Flow) -> Self {
        self.flows.push((name.into(), Vec::new(), flow));
        self
    }

    /// Adds a flow with aliases (ids, ARNs) that `TransferToFlow` / `InvokeFlowModule` use.
    #[must_use]
    pub fn flow_with_aliases(
        mut self,
        name: impl Into<String>,
        aliases: Vec<String>,
        flow: Flow,
    ) -> Self {
        self.flows.push((name.into(), aliases, flow));
        self
    }

    /// Adds a bot, with the alias ARNs flows use to reach it.
    #[must_use]
    pub fn bot(mut self, bot: Bot, aliases: Vec<String>) -> Self {
        self.bots.push((bot, aliases));
        self
    }

    /// Compiles everything.
    #[must_use]
    pub fn build(self) -> Program {
        let mut p = Program::default();
        for (bot, aliases) in &self.bots {
            p.bots.push(BotModel::compile(bot, aliases.clone()));
        }
        for (name, aliases, flow) in &self.flows {
            let f = compile_flow(name, aliases.clone(), flow, &mut p);
            p.flows.push(f);
        }
        p
    }
}

impl Program {
    /// A builder.
    #[must_use]
    pub fn builder() -> ProgramBuilder {
        ProgramBuilder::default()
    }

    /// One flow, no bots.
    #[must_use]
    pub fn from_flow(name: &str, flow: &Flow) -> Program {
        Program::builder().flow(name, flow.clone()).build()
    }

    /// The flow a name, id or ARN refers to.
    #[must_use]
    pub fn flow_named(&self, name: &str) -> Option<u32> {
        self.flows
            .iter()
            .position(|f| f.answers_to(name))
            .and_then(|i| u32::try_from(i).ok())
    }

    /// The bot for a `LexV2Bot.AliasArn` (or V1 bot name): by alias, by name in the ARN, or the
    /// only bot.
    fn bot_for(&self, alias: &str) -> Option<u32> {
        let pos = self
            .bots
            .iter()
            .position(|b| b.aliases.iter().any(|a| matches_id(a, alias) || a == alias))
            .or_else(|| {
                self.bots
                    .iter()
                    .position(|b| !b.name.is_empty() && alias.contains(b.name.as_str()))
            })
            .or_else(|| (self.bots.len() == 1).then_some(0));
        pos.and_then(|i| u32::try_from(i).ok())
    }
}

fn compile_flow(name: &str, aliases: Vec<String>, flow: &Flow, p: &mut Program) -> CompiledFlow {
    let index = flow.index();
    let mut missing: Vec<String> = Vec::new();
    let mut target = |id: Option<&str>| -> Target {
        let Some(id) = id else {
            return Target::None;
        };
        if let Some(&i) = index.get(id) {
            return u32::try_from(i).map_or(Target::None, Target::Action);
        }
        let at = missing.iter().position(|m| m == id).unwrap_or_else(|| {
            missing.push(id.to_owned());
            missing.len() - 1
        });
        u32::try_from(at).map_or(Target::None, Target::Missing)
    };
    let start = target(Some(flow.start_action.as_str()));
    let mut ops = Vec::with_capacity(flow.actions.len());
    for a in &flow.actions {
        let t = &a.transitions;
        let next = target(t.next_action.as_deref());
        let conds = t
            .conditions
            .iter()
            .map(|c| {
                let operand = match c.operands.as_slice() {
                    [Operand::Text(s)] => s.to_string(),
                    _ => String::new(),
                };
                Cond {
                    operator: c.operator.clone(),
                    number: operand.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
                    operand,
                    target: target(Some(c.next_action.as_str())),
                }
            })
            .collect();
        let errors = t
            .errors
            .iter()
            .map(|e| (e.error_type.clone(), target(Some(e.next_action.as_str()))))
            .collect();
        let kind = compile_kind(a, p);
        ops.push(Op {
            id: a.identifier.to_string(),
            type_name: a.type_name().to_owned(),
            kind,
            next,
            conds,
            errors,
            next_is_fallback: a
                .action_type()
                .is_some_and(dialect_compiler::connect::ActionType::next_action_is_fallback),
        });
    }
    CompiledFlow {
        name: name.to_owned(),
        aliases,
        flow_type: flow.flow_type(),
        start,
        ops,
        missing,
    }
}

fn map_exprs<'a>(
    items: impl IntoIterator<Item = (&'a String, &'a Scalar)>,
    i: &mut Interner,
) -> Vec<(String, Expr)> {
    items
        .into_iter()
        .map(|(k, v)| (k.clone(), Expr::compile(v, i)))
        .collect()
}

fn json_params(v: &serde_json::Value, i: &mut Interner) -> Vec<(String, Expr)> {
    let mut out = Vec::new();
    if let serde_json::Value::Object(m) = v {
        for (k, v) in m {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            out.push((k.clone(), Expr::compile_str(&text, i)));
        }
    }
    out
}

fn compile_kind(a: &Action, p: &mut Program) -> OpKind {
    let i = &mut p.names;
    match &a.kind {
        ActionKind::MessageParticipant(m) => OpKind::Message(PromptExpr::compile(m.prompt(), i)),
        ActionKind::GetParticipantInput(g) => {
            let validation = g.input_validation.as_ref();
            let phone = validation
                .and_then(|v| v.phone_number_validation.as_ref())
                .map(|pv| {
                    let fmt = pv.number_format.as_ref().map(|s| s.text().into_owned());
                    if fmt.as_deref() == Some("E164") {
                        PhoneFormat::E164
                    } else {
                        PhoneFormat::Local(
                            pv.country_code
                                .as_ref()
                                .map(|s| s.text().into_owned())
                                .unwrap_or_default(),
                        )
                    }
                });
            let max_length = validation
                .and_then(|v| v.custom_validation.as_ref())
                .and_then(|c| c.maximum_length.as_ref())
                .and_then(Scalar::as_u32)
                .map(|n| n as usize);
            let terminator = g
                .dtmf_configuration
                .as_ref()
                .and_then(|d| d.input_termination_sequence.as_ref())
                .map(|s| s.text().into_owned())
                .unwrap_or_else(|| "#".to_owned());
            OpKind::GetInput {
                prompt: PromptExpr::compile(g.prompt(), i),
                store: g.stores_input(),
                timeout: g.input_time_limit_seconds().unwrap_or(5),
                max_length,
                phone,
                terminator,
            }
        }
        ActionKind::ConnectParticipantWithLexBot(l) => {
            let prompt = PromptExpr::compile(l.prompt(), i);
            let alias = l
                .lex_v2_bot
                .as_ref()
                .and_then(|b| b.alias_arn.as_ref())
                .or_else(|| l.lex_bot.as_ref().and_then(|b| b.name.as_ref()))
                .map(|s| s.text().into_owned())
                .unwrap_or_default();
            let bot = p.bot_for(&alias);
            let bot_label = bot
                .and_then(|b| p.bots.get(b as usize))
                .map_or_else(|| alias.clone(), |b| b.name.clone());
            OpKind::Lex {
                prompt,
                bot,
                bot_label,
            }
        }
        ActionKind::DisconnectParticipant(_) => OpKind::Disconnect,
        ActionKind::EndFlowExecution(_) => OpKind::EndFlow,
        ActionKind::EndFlowModuleExecution(_) => OpKind::EndModule,
        ActionKind::TransferContactToAgent(_) => OpKind::ToAgent,
        ActionKind::MessageParticipantIteratively(m) => OpKind::LoopPrompts {
            prompts: m
                .messages
                .iter()
                .flatten()
                .map(|msg| PromptExpr::compile(msg.prompt(), i))
                .collect(),
            interrupt_s: m
                .interrupt_frequency_seconds()
                .filter(|&s| s > 0)
                .map(u64::from),
        },
        ActionKind::UpdateContactAttributes(u) => OpKind::SetAttributes(
            u.attributes
                .iter()
                .flatten()
                .map(|(k, v)| (i.intern(k), Expr::compile(v, i)))
                .collect(),
        ),
        ActionKind::UpdateFlowAttributes(u) => OpKind::SetFlowAttributes(
            u.flow_attributes
                .iter()
                .flatten()
                .map(|(k, v)| (i.intern(k), Expr::compile_opt(v.value.as_ref(), i)))
                .collect(),
        ),
        ActionKind::UpdateContactTargetQueue(q) => OpKind::SetQueue(Expr::compile_opt(
            q.queue_id.as_ref().or(q.agent_id.as_ref()),
            i,
        )),
        ActionKind::TransferContactToQueue(_) => OpKind::ToQueue,
        ActionKind::DequeueContactAndTransferToQueue(q) => OpKind::Dequeue(Expr::compile_opt(
            q.queue_id.as_ref().or(q.agent_id.as_ref()),
            i,
        )),
        ActionKind::UpdateContactEventHooks(h) => match h.hook() {
            Some((hook, flow)) => OpKind::SetHook(hook.to_owned(), Expr::compile(flow, i)),
            None => OpKind::Passive,
        },
        ActionKind::UpdateContactCallbackNumber(c) => {
            OpKind::SetCallbackNumber(Expr::compile_opt(c.callback_number.as_ref(), i))
        }
        ActionKind::Compare(c) => {
            OpKind::Compare(Expr::compile_opt(c.comparison_value.as_ref(), i))
        }
        ActionKind::CheckHoursOfOperation(h) => OpKind::CheckHours(
            h.hours_of_operation_id
                .as_ref()
                .filter(|s| !s.text().trim().is_empty())
                .map(|s| Expr::compile(s, i)),
        ),
        ActionKind::CheckMetricData(m) => OpKind::CheckMetric {
            metric: m
                .metric_type
                .as_ref()
                .map(|s| s.text().into_owned())
                .unwrap_or_default(),
            queue: m
                .queue_id
                .as_ref()
                .or(m.agent_id.as_ref())
                .map(|s| Expr::compile(s, i)),
        },
        ActionKind::GetMetricData(m) => OpKind::GetMetrics(
            m.queue_id
                .as_ref()
                .or(m.agent_id.as_ref())
                .map(|s| Expr::compile(s, i)),
        ),
        ActionKind::DistributeByPercentage(_) => OpKind::Distribute,
        ActionKind::Loop(l) => {
            let slot = p.loops;
            p.loops += 1;
            OpKind::Loop {
                count: Expr::compile_opt(l.loop_count.as_ref(), &mut p.names),
                slot,
            }
        }
        ActionKind::Wait(_) => OpKind::Wait,
        ActionKind::TransferToFlow(t) => {
            OpKind::ToFlow(Expr::compile_opt(t.contact_flow_id.as_ref(), i))
        }
        ActionKind::InvokeFlowModule(m) => {
            OpKind::InvokeModule(Expr::compile_opt(m.flow_module_id.as_ref(), i))
        }
        ActionKind::InvokeLambdaFunction(l) => OpKind::Lambda {
            function: Expr::compile_opt(l.lambda_function_arn.as_ref(), i),
            timeout: l.invocation_time_limit_seconds().unwrap_or(8).clamp(1, 8),
            params: map_exprs(l.lambda_invocation_attributes.iter().flatten(), i),
            json: l
                .response_validation
                .as_ref()
                .and_then(|r| r.response_type.as_ref())
                .is_some_and(|t| t.text() == "JSON"),
        },
        ActionKind::CreateCallbackContact(c) => OpKind::Callback {
            queue: c
                .queue_id
                .as_ref()
                .or(c.agent_id.as_ref())
                .map(|s| Expr::compile(s, i)),
            delay: Expr::compile_opt(c.initial_call_delay_seconds.as_ref(), i),
        },
        ActionKind::GetCustomerProfile(c)
        | ActionKind::GetCustomerProfileObject(c)
        | ActionKind::GetCalculatedAttributesForCustomerProfile(c) => OpKind::Profile {
            op: ProfileOp::Get,
            request: map_exprs_json(c.profile_request_data.as_ref(), i),
        },
        ActionKind::CreateCustomerProfile(c)
        | ActionKind::UpdateCustomerProfile(c)
        | ActionKind::AssociateContactToCustomerProfile(c) => OpKind::Profile {
            op: ProfileOp::Write,
            request: map_exprs_json(c.profile_request_data.as_ref(), i),
        },
        ActionKind::TransferParticipantToThirdParty(t) => OpKind::ThirdParty {
            number: Expr::compile_opt(t.third_party_phone_number.as_ref(), i),
            continues: t.continues_flow(),
        },
        ActionKind::ShowView(_) => OpKind::ShowView,
        ActionKind::CheckVoiceId(_) => OpKind::VoiceId,
        ActionKind::CheckOutboundCallStatus(_) => OpKind::OutboundStatus,
        ActionKind::UpdateContactData(d) => match &d.language_code {
            Some(l) => OpKind::SetLanguage(Expr::compile(l, i)),
            None => OpKind::Passive,
        },
        ActionKind::UpdateContactTextToSpeechVoice(v) => {
            OpKind::SetVoice(Expr::compile_opt(v.text_to_speech_voice.as_ref(), i))
        }
        ActionKind::StartOutboundChatContact(s) => OpKind::Show(json_params(
            &serde_json::Value::Object(s.extra.clone().into_iter().collect()),
            i,
        )),
        ActionKind::CreateTask(t) => OpKind::Show(
            [
                ("Name", t.name.as_ref()),
                ("ContactFlowId", t.contact_flow_id.as_ref()),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_owned(), Expr::compile(v, i))))
            .collect(),
        ),
        ActionKind::UpdateFlowLoggingBehavior(_)
        | ActionKind::UpdateContactRecordingBehavior(_)
        | ActionKind::UpdateContactRecordingAndAnalyticsBehavior(_)
        | ActionKind::UpdateContactMediaStreamingBehavior(_)
        | ActionKind::UpdateContactRoutingBehavior(_)
        | ActionKind::UpdateRoutingCriteria(_)
        | ActionKind::UpdatePreviousContactParticipantState(_)
        | ActionKind::CompleteOutboundCall(_)
        | ActionKind::CreateCase(_)
        | ActionKind::GetCase(_)
        | ActionKind::UpdateCase(_)
        | ActionKind::TagContact(_)
        | ActionKind::UnTagContact(_)
        | ActionKind::CreateWisdomSession(_)
        | ActionKind::ResumeContact(_)
        | ActionKind::UpdateContactMediaProcessing(_)
        | ActionKind::StartVoiceIdStream(_) => OpKind::Passive,
        ActionKind::Unknown { type_name, .. } => OpKind::Unsupported(type_name.clone()),
    }
}

fn map_exprs_json(
    m: Option<&indexmap::IndexMap<String, serde_json::Value>>,
    i: &mut Interner,
) -> Vec<(String, Expr)> {
    m.map(|m| {
        m.iter()
            .map(|(k, v)| {
                let text = match v {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), Expr::compile_str(&text, i))
            })
            .collect()
    })
    .unwrap_or_default()
}
