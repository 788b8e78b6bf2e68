/**
 * @file Dialect (.dial) call flows: a tree-sitter grammar for editors (Neovim, Helix, Zed).
 *
 * It follows compiler/src/syntax/dialect.pest (the reference) without its error-recovery
 * rules: tree-sitter recovers on its own. Keywords are contextual, as in the compiler: a word is
 * a keyword only where the keyword can appear (tree-sitter's keyword extraction), so `open`,
 * `closed` or `start` stay usable as names.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const commaSep1 = (rule) => seq(rule, repeat(seq(',', rule)));

// Keywords that also serve as names in patterns, `returns` lists and settings.
const NAME_KEYWORDS = [
  'closed', 'on', 'module', 'error', 'timeout', 'type',
  'intent', 'hours', 'calendar', 'whisper', 'up', 'times', 'optional', 'required',
];

module.exports = grammar({
  name: 'dialect',

  extras: ($) => [/[\s\u3000\uFEFF]/, $.comment],

  word: ($) => $.identifier,

  conflicts: ($) => [
    [$.arguments, $.outcomes],
    [$.transfer_queue],
  ],

  rules: {
    source_file: ($) => repeat($._item),

    _item: ($) => choice(
      $.use_declaration,
      $.flow_declaration,
      $.bot_declaration,
      $.integration_declaration,
      $.queue_declaration,
      $.hours_declaration,
      $.calendar_declaration,
      $.test_declaration,
    ),

    use_declaration: ($) => seq('use', field('path', $.string)),

    // ---------------------------------------------------------------------------------------
    // Flows

    flow_declaration: ($) => seq('flow', field('name', $.identifier), '{', repeat($._flow_member), '}'),

    _flow_member: ($) => choice(
      $.kind_setting,
      $.voice_setting,
      $.on_error_setting,
      $.description_setting,
      $.logging_setting,
      $.returns_setting,
      $.step,
    ),

    kind_setting: ($) => seq('kind', $._name, optional(choice('agent', 'customer', 'outbound', 'queue'))),
    voice_setting: ($) => seq('voice', $.locale, $.identifier, optional($.voice_engine)),
    voice_engine: (_) => choice('neural', 'standard', 'generative', 'long_form'),
    on_error_setting: ($) => seq('on', 'error', $._arrow, $._target),
    description_setting: ($) => seq('description', $._text),
    logging_setting: ($) => seq('logging', $._name),
    returns_setting: ($) => seq('returns', commaSep1($._name)),

    step: ($) => seq(field('name', $.identifier), '{', repeat($._statement), '}'),

    // ---------------------------------------------------------------------------------------
    // Statements

    _statement: ($) => choice(
      $.say_statement,
      $.ask_statement,
      $.menu_statement,
      $.repeat_statement,
      $.input_statement,
      $.call_statement,
      $.set_statement,
      $.branch_statement,
      $.check_statement,
      $.transfer_statement,
      $.run_statement,
      $.callback_statement,
      $.hang_up_statement,
      $.return_statement,
      $.end_statement,
      $.dial_statement,
      $.lookup_statement,
      $.distribute_statement,
      $.connect_statement,
      $.goto_statement,
    ),

    say_statement: ($) => prec.right(seq('say', $._text, optional($.outcomes))),
    ask_statement: ($) => prec.right(seq('ask', field('bot', $.identifier), optional($._text), optional($.timeout_option), optional($.outcomes))),
    menu_statement: ($) => prec.right(seq('menu', $._text, optional($.timeout_option), optional($.outcomes))),
    repeat_statement: ($) => prec.right(seq('repeat', commaSep1($._text), optional($.outcomes))),
    input_statement: ($) => prec.right(seq('input', $.reference, $._text, repeat($._input_option), optional($.outcomes))),
    _input_option: ($) => choice(
      seq('max', $.integer, optional('digits')),
      seq('end', $.string),
      $.timeout_option,
      seq('interdigit', $.duration),
      seq('phone', $._name, optional($.country_code)),
      prec.right(seq('encrypted', optional(seq('with', $.identifier)))),
    ),
    timeout_option: ($) => prec(2, seq('timeout', $.duration)),

    call_statement: ($) => prec.right(seq('call', field('integration', $.identifier), optional($.arguments), optional($.timeout_option), optional($.outcomes))),
    arguments: ($) => seq('{', optional(seq($.argument, repeat(seq(optional(','), $.argument)), optional(','))), '}'),
    argument: ($) => seq(field('name', $.identifier), ':', $._value),

    set_statement: ($) => prec.right(seq('set', choice(
      seq(optional(choice('customer', 'agent')), choice('queue', 'whisper', $.identifier), 'flow', $.identifier),
      seq('queue', $.identifier),
      seq('voice', $.locale, $.identifier, optional($.voice_engine)),
      seq('priority', $.integer),
      commaSep1($.assignment),
    ), optional($.outcomes))),
    assignment: ($) => seq($.reference, '=', $._value),

    branch_statement: ($) => prec.right(seq('branch', $._value, optional($.outcomes))),
    check_statement: ($) => prec.right(seq('check', choice(
      seq(choice('hours', 'calendar', 'queue', $.identifier), field('name', $.identifier)),
      'call',
    ), optional($.outcomes))),
    transfer_statement: ($) => prec.right(seq('transfer', 'to', choice(
      $.transfer_queue,
      seq('flow', $.identifier),
      prec.right(seq('number', $._value, optional($.timeout_option))),
      'agent',
    ), optional($.outcomes))),
    transfer_queue: ($) => seq('queue', optional(field('queue', $.identifier)), optional(seq('whisper', field('whisper', $.identifier)))),
    run_statement: ($) => prec.right(seq('run', optional('module'), field('module', $.identifier), optional($.arguments), optional($.outcomes))),
    callback_statement: ($) => prec.right(seq('callback', repeat(choice(
      seq('queue', $.identifier),
      seq('number', $.reference),
      seq('after', $.duration),
      seq('attempts', $.integer),
      seq('every', $.duration),
    )), optional($.outcomes))),
    hang_up_statement: (_) => seq('hang', 'up'),
    return_statement: ($) => prec.right(seq('return', optional($._name))),
    end_statement: (_) => prec.right(seq('end', optional('flow'))),
    dial_statement: ($) => prec.right(seq('dial', optional(seq('from', $._value)), optional($.timeout_option), optional($.outcomes))),
    lookup_statement: ($) => prec.right(seq('lookup', 'profile', optional(seq('by', $._name, $._value)), optional($.outcomes))),
    distribute_statement: ($) => seq('distribute', $.outcomes),
    connect_statement: ($) => prec.right(seq('connect', $.string, $._text, optional($.outcomes))),
    goto_statement: ($) => seq($._arrow, $._target),

    // ---------------------------------------------------------------------------------------
    // Outcomes

    outcomes: ($) => choice(seq('{', repeat($.outcome), '}'), prec.right(repeat1($.outcome))),
    outcome: ($) => seq($.pattern, $._arrow, $._target),
    pattern: ($) => choice(
      prec.right(seq(repeat1($._pattern_word), optional($.operator), optional($._pattern_value))),
      seq($.operator, $._pattern_value),
      $._pattern_value,
    ),
    operator: (_) => choice('>=', '<=', '!=', '>', '<', '='),
    _pattern_value: ($) => choice(prec(-1, $.string), $.percent, $.duration, $.number, $.key),
    _target: ($) => choice($.retry_target, alias($.identifier, $.step_name)),
    retry_target: ($) => seq(
      'retry', $.integer, optional('times'),
      optional(seq('saying', field('reprompt', $._text))),
      'then', alias($.identifier, $.step_name),
    ),
    _arrow: ($) => alias(choice('->', '→'), $.arrow),

    // ---------------------------------------------------------------------------------------
    // Bots

    bot_declaration: ($) => seq('bot', field('name', $.identifier), '{', repeat(choice($.locale_block, $.locale_setting, $._locale_member)), '}'),
    locale_block: ($) => seq('locale', $.locale, '{', repeat($._locale_member), '}'),
    locale_setting: ($) => prec.right(seq('locale', $.locale)),
    _locale_member: ($) => choice($.voice_setting, $.confidence_setting, $.description_setting, $.slot_type_declaration, $.intent_declaration),
    confidence_setting: ($) => seq('confidence', $.number),
    slot_type_declaration: ($) => seq('slot', 'type', field('name', $.identifier), '{', repeat(choice(seq('resolution', $.identifier), $.slot_value)), '}'),
    slot_value: ($) => prec.right(seq($.string, optional(seq('=', commaSep1($.string))))),
    intent_declaration: ($) => seq('intent', field('name', $.identifier), '{', repeat(choice(
      $.utterance,
      $.slot_declaration,
      seq('confirm', $._text),
      seq('decline', $._text),
      $.description_setting,
    )), '}'),
    utterance: ($) => seq('utterance', $._text),
    slot_declaration: ($) => prec.right(seq('slot', field('name', $.identifier), ':', field('type', $.type_name), repeat(choice(seq('ask', $._text), 'optional', 'required')))),

    // ---------------------------------------------------------------------------------------
    // Integrations, queues, hours, calendars

    integration_declaration: ($) => seq('integration', field('name', $.identifier), '{', repeat(choice(
      seq('lambda', $.string),
      $.timeout_option,
      $.description_setting,
      $.returns_setting,
    )), '}'),
    queue_declaration: ($) => prec.right(seq('queue', field('name', $.identifier), optional(seq('{', repeat(choice(seq('hours', $.identifier), $.description_setting)), '}')))),
    hours_declaration: ($) => seq('hours', field('name', $.identifier), '{', repeat(choice(
      seq('timezone', choice($.string, $.time_zone)),
      seq('closed', 'on', commaSep1($.identifier)),
      $.weekly_rule,
      $.description_setting,
    )), '}'),
    weekly_rule: ($) => prec.right(seq(commaSep1($.day_range), choice('closed', commaSep1($.time_range)))),
    day_range: ($) => seq($.identifier, optional(seq('-', $.identifier))),
    time_range: ($) => seq($.time, '-', $.time),
    calendar_declaration: ($) => seq('calendar', field('name', $.identifier), '{', repeat(choice($.calendar_entry, $.description_setting)), '}'),
    calendar_entry: ($) => prec.right(seq($.date, optional(seq('..', $.date)), optional($.identifier), optional($._text))),

    // ---------------------------------------------------------------------------------------
    // Scenario tests

    test_declaration: ($) => seq('test', field('name', $.string), '{', repeat($._test_line), '}'),
    _test_line: ($) => choice(
      $.test_flow,
      $.test_at,
      $.test_caller,
      $.test_mock,
      $.test_queue,
      $.test_profile,
      $.test_call_status,
      $.test_agent,
      $.test_fail,
      $.test_expect,
    ),
    test_flow: ($) => seq('flow', $.identifier),
    test_at: ($) => prec.right(seq('at', $.date, $.time, optional(choice($.string, $.time_zone)))),
    test_caller: ($) => seq('caller', choice(
      seq('number', $.string),
      'withheld',
      seq('says', $._text),
      seq('presses', $.string),
      seq(optional('is'), 'silent'),
      seq('hangs', 'up'),
    )),
    test_mock: ($) => prec.right(seq('mock', $.identifier, choice(
      seq('returns', choice('malformed', $.arguments)),
      seq('fails', optional('timeout')),
    ))),
    test_queue: ($) => prec.right(seq('queue', $.identifier, repeat1($.queue_fact))),
    queue_fact: ($) => choice('full', seq($.identifier, choice($.duration, $.integer))),
    test_profile: ($) => seq('profile', choice('none', 'multiple', $.arguments)),
    test_agent: ($) => seq('agent', 'answers', 'after', $.duration),
    test_call_status: ($) => prec.right(seq('check', 'call', $.identifier, optional($.identifier))),
    test_fail: ($) => prec.right(seq('fail', $.action_ref, optional(seq('in', $.identifier)), optional(seq('with', $.identifier)))),
    action_ref: (_) => /[\p{L}_][\p{L}\p{N}\p{M}_]*(-[\p{L}\p{N}\p{M}_]+)*/,
    test_expect: ($) => seq('expect', optional('no'), choice(
      seq('say', optional('containing'), $._text),
      prec.right(seq('transfer', optional('to'), choice(
        seq('queue', $.identifier, optional(seq('whisper', $.identifier))),
        seq('flow', $.identifier),
        seq('number', choice($.string, $.reference)),
      ))),
      seq($.reference, '=', $._value),
      prec.right(seq('call', $.identifier, optional($.arguments))),
      seq('intent', $.identifier),
      seq('hang', 'up'),
      'end',
      prec.right(seq('return', optional($.identifier), optional(seq('from', $.identifier)))),
    )),

    // ---------------------------------------------------------------------------------------
    // Tokens

    _pattern_word: ($) => choice($.identifier, alias(choice('error', 'timeout', 'intent', 'closed'), $.identifier)),
    _name: ($) => choice($.identifier, prec(-1, alias(choice(...NAME_KEYWORDS), $.identifier))),
    _value: ($) => choice($.string, $.text_block, $.reference, $.duration, $.number, $.boolean),
    _text: ($) => choice($.string, $.text_block),
    boolean: (_) => choice('true', 'false'),

    identifier: (_) => /[\p{L}_][\p{L}\p{N}\p{M}_]*/,
    type_name: (_) => /[\p{L}_][\p{L}\p{N}\p{M}_]*(\.[\p{L}_][\p{L}\p{N}\p{M}_]*)*/,
    locale: (_) => /[A-Za-z]{2,3}[-_][A-Za-z]{2}/,
    country_code: (_) => token(prec(1, /[A-Z]{2}/)),
    time_zone: (_) => /[A-Za-z0-9\/_+-]+/,
    reference: (_) => token(seq('$', choice(
      /\.[^\s,{}()]+/,
      /[\p{L}\p{N}\p{M}_]+(-[\p{L}\p{N}\p{M}_]+)*(\.[\p{L}\p{N}\p{M}_]+(-[\p{L}\p{N}\p{M}_]+)*)*/,
    ))),
    string: (_) => token(seq('"', repeat(choice(/[^"\\\n\r]/, /\\./)), '"')),
    text_block: (_) => token(seq('"""', repeat(choice(/[^"\\]/, /\\(.|\n)/, /"[^"]/, /""[^"]/)), '"""')),
    integer: (_) => /\d+/,
    number: (_) => /-?\d+(\.\d+)?/,
    duration: (_) => /\d+(ms|s|m|h|d)/,
    percent: (_) => /\d+%/,
    date: (_) => /\d{4}-\d{2}-\d{2}/,
    time: (_) => /\d{1,2}:\d{2}/,
    key: (_) => choice('*', '#'),
    comment: (_) => token(choice(
      seq('//', /[^\n]*/),
      seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/'),
    )),
  },
});
