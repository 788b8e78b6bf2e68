//! `dialect-deploy PATH... --env NAME --instance-id ID [--region R] [--plan]
//! [--keep-bot-versions N]`, also run as `dialect deploy ...`. Exit codes: 0 deployed (or
//! planned; a failed clean-up of old bot versions is a warning), 1 the build has errors, the plan
//! is refused or a call failed, 2 usage.

use std::process::ExitCode;

use clap::Parser;
use dialect_compiler::diagnostics::render::HumanRenderer;
use dialect_deploy::aws::Aws;
use dialect_deploy::load::{LoadFailure, load};
use dialect_deploy::render::render_plan;
use dialect_deploy::{Options, Outcome, deploy};

/// Deploy a Dialect project's Lex V2 bots, flows and modules to an Amazon Connect instance: read what exists,
/// print the plan, then write only what differs.
#[derive(Debug, Parser)]
#[command(name = "dialect deploy", version)]
struct Args {
    /// `.dial` files or folders of the project.
    #[arg(required = true)]
    paths: Vec<String>,
    /// The environment file (`environments/NAME.toml`) with the ARNs of queues, Lambdas, hours…
    #[arg(long)]
    env: String,
    /// The Connect instance: its id or its ARN.
    #[arg(long = "instance-id")]
    instance_id: String,
    /// The AWS region; otherwise the standard chain (`AWS_REGION`, profile).
    #[arg(long)]
    region: Option<String>,
    /// Print the plan and write nothing.
    #[arg(long)]
    plan: bool,
    /// How many of each bot's newest versions to keep (1 to 99; Lex allows 100 per bot): older
    /// ones that no alias uses are deleted at the end of the deploy.
    #[arg(long = "keep-bot-versions", value_name = "N", default_value_t = dialect_deploy::prune::DEFAULT_KEEP_BOT_VERSIONS,
          value_parser = clap::value_parser!(u8).range(1..=99))]
    keep_bot_versions: u8,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let (artifacts, sources, warnings) = match load(&args.paths, &args.env) {
        Ok(x) => x,
        Err(LoadFailure::Usage(msg)) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
        Err(LoadFailure::Diagnostics(sources, diags)) => {
            let r = HumanRenderer::new(false, 100);
            for d in &diags {
                eprintln!("{}", r.render(&sources, d));
            }
            eprintln!("error: the build has errors; nothing was deployed");
            return ExitCode::from(1);
        }
    };
    let r = HumanRenderer::new(false, 100);
    for d in &warnings {
        eprintln!("{}", r.render(&sources, d));
    }
    let instance_id = args
        .instance_id
        .rsplit_once("instance/")
        .map_or(args.instance_id.as_str(), |(_, id)| id)
        .to_owned();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
        if let Some(region) = &args.region {
            loader = loader.region(aws_config::Region::new(region.clone()));
        }
        let config = loader.load().await;
        if config.region().is_none() {
            eprintln!("error: no AWS region: pass `--region` or set `AWS_REGION`");
            return ExitCode::from(2);
        }
        let region = config.region().map(ToString::to_string).unwrap_or_default();
        // The bots live in the account of their role; without one the plan refuses bots.
        let lex_arn_prefix = artifacts
            .lex_role
            .as_deref()
            .and_then(|role| dialect_deploy::aws::lex_arn_prefix(role, &region))
            .unwrap_or_default();
        let settings = aws_smithy_runtime_api::client::http::HttpConnectorSettings::builder()
            .connect_timeout(std::time::Duration::from_secs(10))
            .read_timeout(std::time::Duration::from_secs(60))
            .build();
        let Some(uploader) =
            aws_smithy_http_client::default_connector(&settings, config.sleep_impl())
        else {
            eprintln!("error: no HTTPS client for uploading bot definitions");
            return ExitCode::from(2);
        };
        let api = Aws {
            connect: aws_sdk_connect::Client::new(&config),
            instance_id,
            lex: aws_sdk_lexmodelsv2::Client::new(&config),
            uploader,
            lex_arn_prefix,
        };
        let options = Options {
            plan_only: args.plan,
            keep_bot_versions: usize::from(args.keep_bot_versions),
        };
        match deploy(&api, &artifacts, &options).await {
            Outcome::ReadFailed(e) => {
                eprintln!("error: reading the instance: {e}");
                eprintln!("  note: nothing was written");
                ExitCode::from(1)
            }
            Outcome::Invalid(problems) => {
                for p in &problems {
                    eprintln!("error: `{}`: {}", p.name, p.message);
                }
                eprintln!("error: the plan was refused; nothing was written");
                ExitCode::from(1)
            }
            Outcome::Planned(plan) => {
                print!("{}", render_plan(&plan));
                ExitCode::SUCCESS
            }
            Outcome::Ran(plan, report) => {
                print!("{}", render_plan(&plan));
                println!();
                print!("{}", report.render());
                if !report.cleanup_failed.is_empty() {
                    eprintln!(
                        "warning: {} old bot version{} could not be deleted (see above); the deploy itself is complete",
                        report.cleanup_failed.len(),
                        if report.cleanup_failed.len() == 1 { "" } else { "s" }
                    );
                }
                if report.is_complete() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
        }
    })
}
