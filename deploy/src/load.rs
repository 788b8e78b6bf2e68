//! The project from disk, built for the deploy (the file system side of the binary; the same
//! rules as `dialect build`: `.dial` files under the paths, `dialect.toml` found upwards, the
//! environment file in its `environments` folder).

use dialect_compiler::compile::{self, Options};
use dialect_compiler::diagnostics::Diagnostic;
use dialect_compiler::project::{ChecksConfig, parse_environment, parse_project_file};
use dialect_compiler::source::normalize;
use dialect_compiler::span::{SourceFile, SourceMap};
use dialect_files::{FsLoader, expand, find_project_dir};

use crate::artifacts::{self, Artifacts};

/// Why the project cannot be deployed.
#[derive(Debug)]
pub enum LoadFailure {
    /// A usage problem (no files, no environment): the message.
    Usage(String),
    /// The build has errors: the diagnostics and their sources.
    Diagnostics(SourceMap, Vec<Diagnostic>),
}

/// Loads, checks and builds the project under `paths` for environment `env`. Warnings come back
/// with the artifacts.
///
/// # Errors
/// See [`LoadFailure`].
pub fn load(
    paths: &[String],
    env: &str,
) -> Result<(Artifacts, SourceMap, Vec<Diagnostic>), LoadFailure> {
    let roots = expand(paths, ".dial");
    if roots.is_empty() {
        return Err(LoadFailure::Usage(format!(
            "no `.dial` files found in {}",
            paths.join(", ")
        )));
    }
    let dir = paths.first().and_then(|p| find_project_dir(p)).ok_or_else(|| {
        LoadFailure::Usage(
            "no `dialect.toml` found in the deployed folder or above it (it names the environments folder)"
                .to_owned(),
        )
    })?;
    let project_path = normalize(&dir.join("dialect.toml").to_string_lossy());
    let text = std::fs::read_to_string(&project_path)
        .map_err(|e| LoadFailure::Usage(format!("cannot read `{project_path}`: {e}")))?;
    let mut sources = SourceMap::new();
    let project_file_id = sources.add(SourceFile::new(project_path.clone(), text.clone()));
    match parse_project_file(project_file_id, &text) {
        Ok(pf) => {
            let env_path = normalize(
                &dir.join(&pf.project.environments)
                    .join(format!("{env}.toml"))
                    .to_string_lossy(),
            );
            finish(roots, env, &env_path, &pf.checks)
        }
        Err(d) => Err(LoadFailure::Diagnostics(sources, vec![d])),
    }
}

fn finish(
    roots: Vec<String>,
    env: &str,
    env_path: &str,
    checks: &ChecksConfig,
) -> Result<(Artifacts, SourceMap, Vec<Diagnostic>), LoadFailure> {
    let env_text = std::fs::read_to_string(env_path).map_err(|e| {
        LoadFailure::Usage(format!(
            "cannot read the environment file `{env_path}`: {e}"
        ))
    })?;
    let mut project = compile::analyze(
        &FsLoader,
        &Options {
            roots,
            environments: Vec::new(),
        },
    );
    if project.diagnostics.has_errors() {
        return Err(LoadFailure::Diagnostics(
            project.sources,
            project.diagnostics.into_vec(),
        ));
    }
    let file = project
        .sources
        .add(SourceFile::new(env_path.to_owned(), env_text.clone()));
    let environment = match parse_environment(env, file, &env_text) {
        Ok(e) => e,
        Err(d) => return Err(LoadFailure::Diagnostics(project.sources, vec![d])),
    };
    match artifacts::artifacts(&project.model, &project.sources, &environment, checks) {
        Ok((a, mut warnings)) => {
            let mut all = project.diagnostics.into_vec();
            all.append(&mut warnings);
            Ok((a, project.sources, all))
        }
        Err(diags) => Err(LoadFailure::Diagnostics(project.sources, diags)),
    }
}
