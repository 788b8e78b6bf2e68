//! Reading the model from JSON values: typed fields where the value fits, everything else kept.
//!
//! An [`Obj`] wraps one JSON object. Each typed field is read with [`Obj::req`] / [`Obj::opt`]
//! (single values), [`Obj::req_obj`] / [`Obj::opt_obj`] (objects) or [`Obj::req_list`] /
//! [`Obj::opt_list`] (lists of objects); a key whose value was turned into a typed field is
//! *used*. [`Obj::finish`] returns every other entry, in the original order, as the `extra` map:
//! unknown keys, keys whose value is `null`, and values that could not be typed (an intrinsic
//! function where an object is expected). Writing the typed fields and then the extra map gives
//! back the same object.
//!
//! Problems are collected as [`Issue`]s (file, JSON path, code, message) in the [`Reader`] and
//! turned into diagnostics by the importer, which knows how to point at the text.

use serde_json::{Map, Value};

use super::Extra;
use super::codes;
use super::scalar::{Scalar, ScalarKind, display_raw, is_intrinsic};
use super::style::{Key, KeyStyle};
use crate::diagnostics::{Code, Diagnostic, Severity};

/// One problem found while reading.
#[derive(Debug, Clone)]
pub(crate) struct Issue {
    pub code: Code,
    pub message: String,
    /// The file: a path inside the export, or the template's name.
    pub file: String,
    /// The JSON path of the value (see [`key_path`]).
    pub path: String,
    pub help: Option<String>,
}

impl Issue {
    /// The diagnostic, with a note naming the file and the JSON path.
    pub(crate) fn to_diagnostic(&self) -> Diagnostic {
        let mut d = Diagnostic::new(self.code, self.message.clone()).with_note(format!(
            "in `{}` at `{}`",
            self.file,
            show_path(&self.path)
        ));
        if let Some(h) = &self.help {
            d = d.with_help(h.clone());
        }
        d
    }
}

/// Collects issues while one format is read.
#[derive(Debug)]
pub(crate) struct Reader {
    /// Which key names to read.
    pub style: KeyStyle,
    /// The file being read (a zip path, or `template`).
    pub file: String,
    pub issues: Vec<Issue>,
}

impl Reader {
    pub(crate) fn new(style: KeyStyle, file: impl Into<String>) -> Self {
        Self {
            style,
            file: file.into(),
            issues: Vec::new(),
        }
    }

    /// Records an issue in the current file.
    pub(crate) fn issue(&mut self, code: Code, path: &str, message: impl Into<String>) {
        self.issues.push(Issue {
            code,
            message: message.into(),
            file: self.file.clone(),
            path: path.to_owned(),
            help: None,
        });
    }

    /// Records an issue with a help text.
    pub(crate) fn issue_help(
        &mut self,
        code: Code,
        path: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.issue(code, path, message);
        if let Some(last) = self.issues.last_mut() {
            last.help = Some(help.into());
        }
    }

    /// Number of error issues so far (to tell whether a part read cleanly).
    pub(crate) fn error_count(&self) -> usize {
        self.issues
            .iter()
            .filter(|i| i.code.severity() == Severity::Error)
            .count()
    }

    fn is_cfn(&self) -> bool {
        self.style == KeyStyle::CloudFormation
    }
}

/// `base.key`, or `base["odd key"]` for keys that are not plain words. The root is `""`.
pub(crate) fn key_path(base: &str, key: &str) -> String {
    let word = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if word {
        if base.is_empty() {
            key.to_owned()
        } else {
            format!("{base}.{key}")
        }
    } else {
        format!("{base}[{}]", Value::String(key.to_owned()))
    }
}

/// `base[index]`.
pub(crate) fn index_path(base: &str, index: usize) -> String {
    format!("{base}[{index}]")
}

/// A path as shown to the user: `(root)` for the root.
pub(crate) fn show_path(path: &str) -> &str {
    if path.is_empty() { "(root)" } else { path }
}

/// `a string`, `a list`, … for messages.
pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) if is_intrinsic(v) => "an intrinsic function",
        Value::Object(_) => "an object",
    }
}

/// One JSON object being read; see the module documentation.
pub(crate) struct Obj<'v> {
    map: &'v Map<String, Value>,
    path: String,
    used: Vec<&'v str>,
}

/// What a list or object reader does with an item.
type ItemFn<'f, 'v, R> = &'f mut dyn FnMut(&mut Reader, Obj<'v>) -> Option<R>;

impl<'v> Obj<'v> {
    pub(crate) fn new(map: &'v Map<String, Value>, path: impl Into<String>) -> Self {
        Self {
            map,
            path: path.into(),
            used: Vec::new(),
        }
    }

    /// The JSON path of this object.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// The entry for `key` in the reader's style; `None` when absent or the style has no such key.
    fn lookup(&self, r: &Reader, key: Key) -> Option<(&'v str, &'v Value)> {
        let k = r.style.pick(key);
        if k.is_empty() {
            return None;
        }
        self.map.get_key_value(k).map(|(k, v)| (k.as_str(), v))
    }

    fn use_key(&mut self, k: &'v str) {
        self.used.push(k);
    }

    fn missing(&self, r: &mut Reader, key: Key) {
        let k = r.style.pick(key);
        r.issue(
            codes::MISSING_KEY,
            &self.path,
            format!("required key `{k}` is missing"),
        );
    }

    /// A required single value.
    pub(crate) fn req<T: ScalarKind>(&mut self, r: &mut Reader, key: Key) -> Option<Scalar<T>> {
        let Some((k, v)) = self.lookup(r, key) else {
            if !r.style.pick(key).is_empty() {
                self.missing(r, key);
            }
            return None;
        };
        let path = key_path(&self.path, k);
        if v.is_null() {
            r.issue(
                codes::WRONG_TYPE,
                &path,
                format!("`{k}` must be {}, not null", T::EXPECTED),
            );
            return None;
        }
        let s = read_scalar::<T>(r, v, &path, k)?;
        self.use_key(k);
        Some(s)
    }

    /// An optional single value: `None` when absent or `null` (a `null` stays in the extra map).
    pub(crate) fn opt<T: ScalarKind>(&mut self, r: &mut Reader, key: Key) -> Option<Scalar<T>> {
        let (k, v) = self.lookup(r, key)?;
        if v.is_null() {
            return None;
        }
        let s = read_scalar::<T>(r, v, &key_path(&self.path, k), k)?;
        self.use_key(k);
        Some(s)
    }

    /// An optional plain string that only export files have (`identifier`, `version`).
    pub(crate) fn opt_string(&mut self, r: &mut Reader, key: Key) -> Option<String> {
        match self.opt::<String>(r, key)? {
            Scalar::Lit(s) => Some(s),
            Scalar::Raw(_) => {
                // Only CloudFormation gives raw values, and it has no such keys; undo the use.
                self.used.pop();
                None
            }
        }
    }

    /// An optional object value taken as it is (in the reader's spelling).
    pub(crate) fn opt_value(&mut self, r: &Reader, key: Key) -> Option<Value> {
        let (k, v) = self.lookup(r, key)?;
        if v.is_null() {
            return None;
        }
        self.use_key(k);
        Some(v.clone())
    }

    /// A required object, read by `f`.
    pub(crate) fn req_obj<R>(
        &mut self,
        r: &mut Reader,
        key: Key,
        mut f: impl FnMut(&mut Reader, Obj<'v>) -> Option<R>,
    ) -> Option<R> {
        let Some((k, v)) = self.lookup(r, key) else {
            self.missing(r, key);
            return None;
        };
        let out = self.object(r, k, v, true, &mut f)?;
        self.use_key(k);
        Some(out)
    }

    /// An optional object, read by `f`: `None` when absent, `null`, or not readable (then the
    /// value stays in the extra map).
    pub(crate) fn opt_obj<R>(
        &mut self,
        r: &mut Reader,
        key: Key,
        mut f: impl FnMut(&mut Reader, Obj<'v>) -> Option<R>,
    ) -> Option<R> {
        let (k, v) = self.lookup(r, key)?;
        if v.is_null() {
            return None;
        }
        let out = self.object(r, k, v, false, &mut f)?;
        self.use_key(k);
        Some(out)
    }

    fn object<R>(
        &self,
        r: &mut Reader,
        k: &str,
        v: &'v Value,
        required: bool,
        f: ItemFn<'_, 'v, R>,
    ) -> Option<R> {
        let path = key_path(&self.path, k);
        match v {
            Value::Object(m) if !is_intrinsic(v) => f(r, Obj::new(m, path)),
            _ => {
                unusable(r, v, &path, k, "an object", required);
                None
            }
        }
    }

    /// A required list of objects, each read by `f`.
    pub(crate) fn req_list<R>(
        &mut self,
        r: &mut Reader,
        key: Key,
        mut f: impl FnMut(&mut Reader, Obj<'v>) -> Option<R>,
    ) -> Option<Vec<R>> {
        let Some((k, v)) = self.lookup(r, key) else {
            self.missing(r, key);
            return None;
        };
        let out = self.list(r, k, v, true, &mut f)?;
        self.use_key(k);
        Some(out)
    }

    /// An optional list of objects, each read by `f`: `None` when absent, `null`, or not
    /// readable as a whole (then the value stays in the extra map).
    pub(crate) fn opt_list<R>(
        &mut self,
        r: &mut Reader,
        key: Key,
        mut f: impl FnMut(&mut Reader, Obj<'v>) -> Option<R>,
    ) -> Option<Vec<R>> {
        let (k, v) = self.lookup(r, key)?;
        if v.is_null() {
            return None;
        }
        let out = self.list(r, k, v, false, &mut f)?;
        self.use_key(k);
        Some(out)
    }

    /// A list the model holds as a plain `Vec` (CloudFormation's nested `BotLocales`, `Intents`,
    /// `Slots`, `SlotTypes`): empty when absent or not readable; an explicit empty list stays in
    /// the extra map so that it is written back.
    pub(crate) fn vec<R>(
        &mut self,
        r: &mut Reader,
        key: Key,
        mut f: impl FnMut(&mut Reader, Obj<'v>) -> Option<R>,
    ) -> Vec<R> {
        let Some((k, v)) = self.lookup(r, key) else {
            return Vec::new();
        };
        if v.is_null() || v.as_array().is_some_and(Vec::is_empty) {
            return Vec::new();
        }
        match self.list(r, k, v, false, &mut f) {
            Some(out) => {
                self.use_key(k);
                out
            }
            None => Vec::new(),
        }
    }

    fn list<R>(
        &self,
        r: &mut Reader,
        k: &str,
        v: &'v Value,
        required: bool,
        f: ItemFn<'_, 'v, R>,
    ) -> Option<Vec<R>> {
        let path = key_path(&self.path, k);
        let Value::Array(items) = v else {
            unusable(r, v, &path, k, "a list", required);
            return None;
        };
        if let Some(i) = items.iter().position(is_intrinsic) {
            // One conditional item hides the shape of the whole list: keep it as written.
            unusable(
                r,
                &items[i],
                &index_path(&path, i),
                k,
                "an object",
                required,
            );
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let ipath = index_path(&path, i);
            match item {
                Value::Object(m) => match f(r, Obj::new(m, ipath)) {
                    Some(x) => out.push(x),
                    None => ok = false,
                },
                other => {
                    r.issue(
                        codes::WRONG_TYPE,
                        &ipath,
                        format!("items of `{k}` must be objects, found {}", kind_of(other)),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    /// Every entry that did not become a typed field, in the original order.
    pub(crate) fn finish(self) -> Extra {
        self.map
            .iter()
            .filter(|(k, _)| !self.used.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}

/// Reports a value that cannot be read as `expected`: an intrinsic function (a warning when
/// the value is optional and can be kept) or a value of the wrong type (an error).
fn unusable(r: &mut Reader, v: &Value, path: &str, k: &str, expected: &str, required: bool) {
    if r.is_cfn() && is_intrinsic(v) {
        if required {
            r.issue_help(
                codes::WRONG_TYPE,
                path,
                format!(
                    "`{k}` must be {expected}; an intrinsic function ({}) cannot stand for it",
                    display_raw(v)
                ),
                "write the object out and put the intrinsic functions on its single values",
            );
        } else {
            r.issue(
                codes::UNMODELLED_VALUE,
                path,
                format!(
                    "`{k}` is an intrinsic function ({}); it is kept as written but not checked",
                    display_raw(v)
                ),
            );
        }
    } else {
        r.issue(
            codes::WRONG_TYPE,
            path,
            format!("`{k}` must be {expected}, found {}", kind_of(v)),
        );
    }
}

/// A single value: a literal, or kept raw (with a warning when it is suspicious). `None` after
/// an error.
fn read_scalar<T: ScalarKind>(r: &mut Reader, v: &Value, path: &str, k: &str) -> Option<Scalar<T>> {
    if let Some(t) = T::from_json(v) {
        return Some(Scalar::Lit(t));
    }
    if r.is_cfn() && is_intrinsic(v) {
        return Some(Scalar::Raw(v.clone()));
    }
    if T::json_type_matches(v) {
        if T::is_unknown_value(v) {
            r.issue(
                codes::UNKNOWN_VALUE,
                path,
                format!("`{k}` is {v}, expected {}", T::EXPECTED),
            );
        }
        return Some(Scalar::Raw(v.clone()));
    }
    if r.is_cfn() && matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_)) {
        r.issue_help(
            codes::COERCED_SCALAR,
            path,
            format!(
                "`{k}` should be {}, found {} ({v})",
                T::EXPECTED,
                kind_of(v)
            ),
            "CloudFormation converts it; write it as the expected type (quote strings) to be sure",
        );
        return Some(Scalar::Raw(v.clone()));
    }
    r.issue(
        codes::WRONG_TYPE,
        path,
        format!("`{k}` must be {}, found {}", T::EXPECTED, kind_of(v)),
    );
    None
}

/// Reports every name that an earlier item already has. Each item is `(name, file, path)`;
/// non-literal names (CloudFormation expressions) are compared as written.
pub(crate) fn check_unique(r: &mut Reader, what: &str, items: Vec<(String, String, String)>) {
    let mut seen: Vec<&(String, String, String)> = Vec::new();
    for item in &items {
        if let Some(first) = seen.iter().find(|s| s.0 == item.0) {
            r.issues.push(Issue {
                code: codes::DUPLICATE_NAME,
                message: format!("two {what} are named `{}`", item.0),
                file: item.1.clone(),
                path: item.2.clone(),
                help: Some(format!(
                    "the first is in `{}` at `{}`",
                    first.1,
                    show_path(&first.2)
                )),
            });
        } else {
            seen.push(item);
        }
    }
}
