//! A private PostgreSQL cluster for development and tests.
//!
//! When no database URL is configured, the application starts its own
//! PostgreSQL server from the installed binaries, with its data under a
//! directory of ours, and stops it at exit. The server listens on a free
//! loopback TCP port only (no unix socket) and trusts local connections, so
//! it is meant for development machines, never for production data.
//!
//! When running as root, every server command runs as the `postgres` system
//! user (`runuser -u postgres -- …`), because PostgreSQL refuses to run as
//! root. If `postgres` cannot reach the requested directory (for example
//! `./var/pg` under `/root`), the cluster is kept under
//! `/var/lib/intake/clusters/<hash>` and the requested path becomes a symlink
//! to it; no existing directory's permissions are changed.

use std::cmp::Reverse;
use std::fs;
use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{PermissionsExt, chown, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use nix::unistd::{User, geteuid};
use sha2::{Digest, Sha256};
use tracing::{info, warn};

/// Superuser created by `initdb`; it also owns the application database.
const SUPERUSER: &str = "intake";
/// The application database, created on first start.
const DATABASE: &str = "intake";
/// The system user that runs the server when we are root.
const SERVER_USER: &str = "postgres";
/// Where clusters live when `postgres` cannot reach the requested directory.
const CLUSTERS_DIR: &str = "/var/lib/intake/clusters";
/// Which intake process stops the server, inside the data directory.
const OWNER_FILE: &str = "intake-owner.pid";

/// True when a process with this id exists.
fn process_alive(pid: u32) -> bool {
    i32::try_from(pid).is_ok_and(|pid| nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None).is_ok())
}

/// Server log, inside the data directory (owned by whoever runs the server).
const LOG_FILE: &str = "server.log";
/// Programs a bin dir must contain to be usable.
const SERVER_PROGRAMS: [&str; 3] = ["initdb", "pg_ctl", "postgres"];
/// How long clients keep retrying while the server comes up.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How to start a [`LocalCluster`].
#[derive(Debug, Clone, Default)]
pub struct ClusterOptions {
    /// Extra `-c name=value` server settings, e.g. `("fsync", "off")` for
    /// throwaway test clusters. Defaults are durable.
    pub settings: Vec<(String, String)>,
    /// Override of the PostgreSQL bin dir (otherwise discovered).
    pub bin_dir: Option<PathBuf>,
}

/// Why the local cluster could not be started or stopped. Every message is a
/// single line meant for a human.
#[derive(Debug, thiserror::Error)]
pub enum LocalPgError {
    /// No directory with `initdb`, `pg_ctl` and `postgres` was found.
    #[error(
        "PostgreSQL server binaries not found (looked in {looked}): install PostgreSQL \
         (e.g. apt-get install postgresql) or set INTAKE_DATABASE_URL"
    )]
    BinariesNotFound {
        /// Where we looked.
        looked: String,
    },
    /// Running as root, but there is no `postgres` user to run the server as.
    #[error(
        "running as root, but there is no `postgres` system user to run the local PostgreSQL \
         server: install PostgreSQL from the distribution packages or set INTAKE_DATABASE_URL"
    )]
    NoServerUser,
    /// The data directory could not be prepared.
    #[error("cannot prepare the local PostgreSQL data directory {}: {source}", path.display())]
    DataDir {
        /// The directory in question.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// A program could not be run at all.
    #[error("could not run {program}: {source}")]
    Spawn {
        /// The program.
        program: String,
        /// The underlying error.
        source: io::Error,
    },
    /// A PostgreSQL program ran and failed.
    #[error("{step} failed: {detail}")]
    Command {
        /// What we were doing, e.g. `pg_ctl start`.
        step: String,
        /// Exit status, last lines of its error output and of the server log.
        detail: String,
    },
}

/// A PostgreSQL server running from a data directory of ours. It is stopped by
/// [`LocalCluster::stop`] or when dropped.
#[derive(Debug)]
pub struct LocalCluster {
    bin_dir: PathBuf,
    data_dir: PathBuf,
    port: u16,
    /// Run server commands through `runuser -u postgres`.
    as_root: bool,
    /// We started (or adopted) the server and have not stopped it yet.
    running: bool,
    /// The `-c` settings it was started with, for [`LocalCluster::start_again`].
    settings: Vec<(String, String)>,
}

impl LocalCluster {
    /// Start (or reuse) the cluster whose data lives in `dir` (the app passes
    /// `INTAKE_DATA_DIR/pg`). Initialises it on first use, adopts a server
    /// still running from an earlier process, and makes sure the database
    /// `intake` exists before returning.
    pub fn start(dir: &Path, opts: &ClusterOptions) -> Result<LocalCluster, LocalPgError> {
        let bin_dir = find_bin_dir(opts.bin_dir.as_deref())?;
        let server_user = if geteuid().is_root() {
            Some(
                User::from_name(SERVER_USER)
                    .ok()
                    .flatten()
                    .ok_or(LocalPgError::NoServerUser)?,
            )
        } else {
            None
        };
        let data_dir = prepare_data_dir(dir, server_user.as_ref())?;
        let mut cluster = LocalCluster {
            bin_dir,
            data_dir,
            port: 0,
            as_root: server_user.is_some(),
            running: false,
            settings: opts.settings.clone(),
        };
        if !cluster.data_dir.join("PG_VERSION").exists() {
            cluster.initdb()?;
        }
        if cluster.is_running()? {
            cluster.port = cluster.pid_file_port()?;
            // Another live intake process (a server while we run `intake staff add`, say) keeps
            // its server: we are a guest and leave it running. A server left by a process that
            // died (SIGKILL) is adopted, and stopped when we are done.
            match cluster
                .owner()
                .filter(|pid| *pid != std::process::id() && process_alive(*pid))
            {
                Some(owner) => {
                    info!(
                        port = cluster.port,
                        owner, "using the local PostgreSQL of a running intake process"
                    );
                }
                None => {
                    cluster.running = true;
                    cluster.claim();
                    info!(port = cluster.port, data_dir = %cluster.data_dir.display(),
                        "reusing local PostgreSQL that was already running");
                }
            }
        } else {
            cluster.start_server(None)?;
            cluster.claim();
            info!(port = cluster.port, data_dir = %cluster.data_dir.display(),
                "local PostgreSQL started");
        }
        // On failure from here on, dropping `cluster` stops the server.
        cluster.ensure_database()?;
        Ok(cluster)
    }

    /// `postgres://intake@127.0.0.1:<port>/intake`; the database exists.
    pub fn database_url(&self) -> String {
        format!("postgres://{SUPERUSER}@127.0.0.1:{}/{DATABASE}", self.port)
    }

    /// URL of the maintenance database `postgres` on the same server, as the
    /// superuser `intake`.
    pub fn admin_url(&self) -> String {
        format!("postgres://{SUPERUSER}@127.0.0.1:{}/postgres", self.port)
    }

    /// The loopback TCP port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Where the cluster's data really lives (symlinks resolved).
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The server log file.
    pub fn log_file(&self) -> PathBuf {
        self.data_dir.join(LOG_FILE)
    }

    /// The process that owns the running server, from `intake-owner.pid` in the data directory.
    fn owner(&self) -> Option<u32> {
        std::fs::read_to_string(self.data_dir.join(OWNER_FILE))
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// Records this process as the one that stops the server.
    fn claim(&self) {
        let _ = std::fs::write(self.data_dir.join(OWNER_FILE), std::process::id().to_string());
    }

    /// Stop the server (`pg_ctl stop -m fast`) and wait until it is gone.
    /// Idempotent; also fine if someone else stopped it already.
    pub fn stop(&mut self) -> Result<(), LocalPgError> {
        self.stop_with("fast")
    }

    /// Stop the server as a crash would (`pg_ctl stop -m immediate`: clients are cut off, no
    /// shutdown checkpoint, recovery at the next start). For fault drills.
    pub fn stop_immediately(&mut self) -> Result<(), LocalPgError> {
        self.stop_with("immediate")
    }

    /// Start a server stopped by [`LocalCluster::stop`] or [`LocalCluster::stop_immediately`]
    /// again, on the same port (clients' URLs stay valid) with the same settings.
    pub fn start_again(&mut self) -> Result<(), LocalPgError> {
        if self.running {
            return Ok(());
        }
        self.start_server(Some(self.port))?;
        self.claim();
        info!(port = self.port, data_dir = %self.data_dir.display(), "local PostgreSQL started again");
        Ok(())
    }

    fn stop_with(&mut self, mode: &str) -> Result<(), LocalPgError> {
        if !self.running {
            return Ok(());
        }
        let out = run(self
            .server_cmd("pg_ctl")
            .arg("-D")
            .arg(&self.data_dir)
            .args(["-m", mode, "-w", "-t", "30", "stop"]))?;
        if !out.status.success() && self.is_running()? {
            return Err(self.failure("pg_ctl stop", &out, true));
        }
        let _ = std::fs::remove_file(self.data_dir.join(OWNER_FILE));
        self.running = false;
        info!(port = self.port, data_dir = %self.data_dir.display(), "local PostgreSQL stopped");
        Ok(())
    }

    /// A command for a server program, run as `postgres` when we are root.
    fn server_cmd(&self, program: &str) -> Command {
        let exe = self.bin_dir.join(program);
        let mut cmd = if self.as_root {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", SERVER_USER, "--"]).arg(exe);
            cmd
        } else {
            Command::new(exe)
        };
        // Our working directory may be unreadable for `postgres`; all paths are absolute.
        cmd.current_dir("/");
        cmd
    }

    /// A client program (`psql`, `createdb`) connecting over TCP as `intake`.
    fn client_cmd(&self, program: &str) -> Command {
        let mut cmd = Command::new(self.bin_dir.join(program));
        let port = self.port.to_string();
        cmd.args(["-h", "127.0.0.1", "-p", &port, "-U", SUPERUSER, "-w"]);
        cmd
    }

    /// `initdb` with the superuser `intake`, falling back to the plain C locale
    /// where C.UTF-8 is missing.
    fn initdb(&self) -> Result<(), LocalPgError> {
        let initdb = |locale: &str| {
            run(self.server_cmd("initdb").arg("-D").arg(&self.data_dir).args([
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                locale,
            ]))
        };
        let mut out = initdb("--locale=C.UTF-8")?;
        if !out.status.success() {
            out = initdb("--locale=C")?;
        }
        if out.status.success() {
            Ok(())
        } else {
            Err(self.failure("initdb", &out, false))
        }
    }

    /// `pg_ctl status`: is a server running on our data directory?
    fn is_running(&self) -> Result<bool, LocalPgError> {
        let out = run(self.server_cmd("pg_ctl").arg("status").arg("-D").arg(&self.data_dir))?;
        match out.status.code() {
            Some(0) => Ok(true),
            Some(3) => Ok(false),
            _ => Err(self.failure("pg_ctl status", &out, false)),
        }
    }

    /// The port of a running server: line 4 of `postmaster.pid`.
    fn pid_file_port(&self) -> Result<u16, LocalPgError> {
        let path = self.data_dir.join("postmaster.pid");
        let text = fs::read_to_string(&path).map_err(|source| LocalPgError::DataDir {
            path: path.clone(),
            source,
        })?;
        text.lines()
            .nth(3)
            .and_then(|line| line.trim().parse().ok())
            .ok_or_else(|| LocalPgError::DataDir {
                path,
                source: io::Error::new(io::ErrorKind::InvalidData, "no port on line 4"),
            })
    }

    /// Starts the server on `port`, or on a free port (tried up to three times) when `None`.
    fn start_server(&mut self, port: Option<u16>) -> Result<(), LocalPgError> {
        let fixed = [("listen_addresses", "127.0.0.1"), ("unix_socket_directories", "")];
        let extra = self.settings.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let settings: String = fixed
            .into_iter()
            .chain(extra)
            .map(|(name, value)| format!(" -c {}", shell_quote(&format!("{name}={value}"))))
            .collect();
        let mut attempts = 0;
        loop {
            attempts += 1;
            self.port = match port {
                Some(port) => port,
                None => free_port()?,
            };
            // pg_ctl hands `-o` to /bin/sh, hence the quoting above.
            let out = run(self
                .server_cmd("pg_ctl")
                .arg("-D")
                .arg(&self.data_dir)
                .arg("-l")
                .arg(self.log_file())
                .args(["-w", "-t", "30", "start", "-o"])
                .arg(format!("-p {}{settings}", self.port)))?;
            if out.status.success() {
                self.running = true;
                return Ok(());
            }
            let err = self.failure("pg_ctl start", &out, true);
            // Someone may have taken the port between our probe and the server's bind.
            if port.is_some() || attempts >= 3 || !err.to_string().contains("already in use") {
                return Err(err);
            }
        }
    }

    /// Create the database `intake` unless it exists, retrying the connection
    /// briefly while the server comes up.
    fn ensure_database(&self) -> Result<(), LocalPgError> {
        let query = format!("select 1 from pg_database where datname = '{DATABASE}'");
        let deadline = Instant::now() + CONNECT_TIMEOUT;
        let out = loop {
            let out = run(self.client_cmd("psql").args(["-X", "-d", "postgres", "-Atc", &query]))?;
            if out.status.success() || Instant::now() >= deadline {
                break out;
            }
            sleep(Duration::from_millis(200));
        };
        if !out.status.success() {
            return Err(self.failure("connecting to local PostgreSQL", &out, true));
        }
        if String::from_utf8_lossy(&out.stdout).trim() != "1" {
            let out = run(self.client_cmd("createdb").arg(DATABASE))?;
            if !out.status.success() {
                return Err(self.failure("createdb", &out, true));
            }
        }
        Ok(())
    }

    /// A one-line error: exit status, the end of stderr and, if asked, of the server log.
    fn failure(&self, step: &str, out: &Output, with_log: bool) -> LocalPgError {
        let mut detail = format!("{}", out.status);
        let stderr = tail(&String::from_utf8_lossy(&out.stderr), 4);
        if !stderr.is_empty() {
            detail.push_str(": ");
            detail.push_str(&stderr);
        }
        if with_log {
            let log = self.log_file();
            let text = fs::read_to_string(&log).unwrap_or_default();
            detail.push_str(&format!("; server log {}: {}", log.display(), tail(&text, 5)));
        }
        LocalPgError::Command {
            step: step.to_owned(),
            detail,
        }
    }
}

impl Drop for LocalCluster {
    fn drop(&mut self) {
        if let Err(error) = self.stop() {
            warn!(%error, "could not stop local PostgreSQL");
        }
    }
}

/// The bin dir: the override, else `pg_config --bindir`, else the newest
/// `/usr/lib/postgresql/<N>/bin`, provided it has the server programs.
fn find_bin_dir(explicit: Option<&Path>) -> Result<PathBuf, LocalPgError> {
    let usable = |dir: &Path| SERVER_PROGRAMS.iter().all(|p| dir.join(p).is_file());
    if let Some(dir) = explicit {
        if usable(dir) {
            return Ok(dir.to_owned());
        }
        let looked = dir.display().to_string();
        return Err(LocalPgError::BinariesNotFound { looked });
    }
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
    let mut versioned: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .collect();
    versioned.sort_by_key(|(version, _)| Reverse(*version));
    from_pg_config
        .into_iter()
        .chain(versioned.into_iter().map(|(_, dir)| dir))
        .find(|dir| usable(dir))
        .ok_or_else(|| LocalPgError::BinariesNotFound {
            looked: "`pg_config --bindir` and /usr/lib/postgresql/*/bin".to_owned(),
        })
}

/// Resolve `dir` to the directory that really holds the cluster, creating it
/// (owned by `server_user` when root) if it holds no cluster yet.
fn prepare_data_dir(dir: &Path, server_user: Option<&User>) -> Result<PathBuf, LocalPgError> {
    let io_err = |path: &Path| {
        let path = path.to_owned();
        move |source| LocalPgError::DataDir { path, source }
    };
    let absolute = std::path::absolute(dir).map_err(io_err(dir))?;
    let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) else {
        let invalid = io::Error::new(io::ErrorKind::InvalidInput, "not a directory name");
        return Err(io_err(dir)(invalid));
    };
    fs::create_dir_all(parent).map_err(io_err(parent))?;
    let parent = fs::canonicalize(parent).map_err(io_err(parent))?;
    let path = parent.join(name);

    let data_dir = if path.is_symlink() {
        // Ours from an earlier start, or the user's choice: follow it.
        parent.join(fs::read_link(&path).map_err(io_err(&path))?)
    } else if let Some(user) = server_user
        && !reachable_by(user, &parent)?
    {
        let real = Path::new(CLUSTERS_DIR).join(short_hash(&path));
        // An empty directory in the way is replaced by the link; anything else is kept.
        match fs::remove_dir(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                let msg = format!(
                    "the postgres user cannot reach it, and it cannot be replaced by a link to {} ({e}): \
                     move it away or choose another INTAKE_DATA_DIR",
                    real.display()
                );
                return Err(io_err(&path)(io::Error::other(msg)));
            }
            _ => {}
        }
        create_world_traversable(Path::new(CLUSTERS_DIR))?;
        symlink(&real, &path).map_err(io_err(&path))?;
        info!(link = %path.display(), data_dir = %real.display(),
            "the postgres user cannot reach the data directory; the cluster lives elsewhere");
        real
    } else {
        path
    };

    if !data_dir.join("PG_VERSION").exists() {
        fs::create_dir_all(&data_dir).map_err(io_err(&data_dir))?;
        if let Some(user) = server_user {
            chown(&data_dir, Some(user.uid.as_raw()), Some(user.gid.as_raw())).map_err(io_err(&data_dir))?;
        }
        fs::set_permissions(&data_dir, fs::Permissions::from_mode(0o700)).map_err(io_err(&data_dir))?;
    }
    fs::canonicalize(&data_dir).map_err(io_err(&data_dir))
}

/// Can `user` traverse every ancestor of `dir` and `dir` itself?
fn reachable_by(user: &User, dir: &Path) -> Result<bool, LocalPgError> {
    let out = run(Command::new("runuser")
        .args(["-u", &user.name, "--", "test", "-x"])
        .arg(dir)
        .current_dir("/"))?;
    Ok(out.status.success())
}

/// Create `dir` and any missing ancestors with mode 755 (whatever the umask),
/// leaving existing directories alone.
fn create_world_traversable(dir: &Path) -> Result<(), LocalPgError> {
    if dir.exists() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_world_traversable(parent)?;
    }
    let io_err = |source| LocalPgError::DataDir {
        path: dir.to_owned(),
        source,
    };
    fs::create_dir(dir).map_err(io_err)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).map_err(io_err)
}

/// First 16 hex digits of the SHA-256 of a path.
fn short_hash(path: &Path) -> String {
    let digest = Sha256::digest(path.as_os_str().as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// A loopback port that was free a moment ago.
fn free_port() -> Result<u16, LocalPgError> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(|source| LocalPgError::Spawn {
            program: "a probe for a free loopback port".to_owned(),
            source,
        })
}

/// Run to completion with no stdin, capturing output.
fn run(cmd: &mut Command) -> Result<Output, LocalPgError> {
    cmd.stdin(Stdio::null()).output().map_err(|source| LocalPgError::Spawn {
        program: cmd.get_program().to_string_lossy().into_owned(),
        source,
    })
}

/// Quote for /bin/sh.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The last `n` non-empty lines of `text`, on one line.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines[lines.len().saturating_sub(n)..].join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    /// Removes the given paths when dropped (declare before the cluster so
    /// the cluster is stopped first).
    struct Cleanup(Vec<PathBuf>);

    impl Drop for Cleanup {
        fn drop(&mut self) {
            for path in &self.0 {
                let _ = fs::remove_dir_all(path);
            }
        }
    }

    fn unique(name: &str) -> String {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        format!("devdb-test-{name}-{}-{nanos}", std::process::id())
    }

    fn test_opts() -> ClusterOptions {
        ClusterOptions {
            settings: vec![("fsync".into(), "off".into())],
            bin_dir: None,
        }
    }

    fn psql(url: &str, sql: &str) -> String {
        let psql = find_bin_dir(None).unwrap().join("psql");
        let out = Command::new(psql)
            .args(["-X", "-w", "-v", "ON_ERROR_STOP=1", "-Atc", sql, url])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "psql {sql:?} failed: {stderr}");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Is any process running with `data_dir` on its command line?
    fn server_processes(data_dir: &Path) -> usize {
        let needle = data_dir.as_os_str().as_bytes();
        fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter_map(|e| fs::read(e.path().join("cmdline")).ok())
            .filter(|cmdline| cmdline.windows(needle.len()).any(|w| w == needle))
            .count()
    }

    #[test]
    fn start_stop_restart_keeps_data() {
        let root = std::env::temp_dir().join(unique("restart"));
        let dir = root.join("pg");
        let mut cleanup = Cleanup(vec![root]);

        let mut cluster = LocalCluster::start(&dir, &test_opts()).unwrap();
        if cluster.data_dir().starts_with(CLUSTERS_DIR) {
            cleanup.0.push(cluster.data_dir().to_owned());
        }
        let url = cluster.database_url();
        assert_eq!(url, format!("postgres://intake@127.0.0.1:{}/intake", cluster.port()));
        assert_eq!(psql(&url, "select 1"), "1");
        assert_eq!(psql(&cluster.admin_url(), "select current_database()"), "postgres");
        psql(&url, "create table kept (x int); insert into kept values (42)");

        // A second start while the server runs (as after a SIGKILL) adopts it.
        let mut adopted = LocalCluster::start(&dir, &test_opts()).unwrap();
        assert_eq!(adopted.port(), cluster.port());
        adopted.stop().unwrap();
        assert_eq!(server_processes(cluster.data_dir()), 0);
        // The original owner's stop is then a no-op, and so is a second one.
        cluster.stop().unwrap();
        cluster.stop().unwrap();
        assert!(!cluster.is_running().unwrap());

        let cluster = LocalCluster::start(&dir, &test_opts()).unwrap();
        assert_eq!(psql(&cluster.database_url(), "select x from kept"), "42");
        let data_dir = cluster.data_dir().to_owned();
        drop(cluster);
        assert_eq!(server_processes(&data_dir), 0);
    }

    #[test]
    fn a_crashed_server_starts_again_on_the_same_port() {
        let root = std::env::temp_dir().join(unique("again"));
        let mut cleanup = Cleanup(vec![root.clone()]);
        let mut cluster = LocalCluster::start(&root.join("pg"), &test_opts()).unwrap();
        if cluster.data_dir().starts_with(CLUSTERS_DIR) {
            cleanup.0.push(cluster.data_dir().to_owned());
        }
        let url = cluster.database_url();
        psql(&url, "create table kept (x int); insert into kept values (7)");
        cluster.stop_immediately().unwrap();
        assert!(!cluster.is_running().unwrap());
        cluster.start_again().unwrap();
        assert_eq!(cluster.database_url(), url, "same port");
        assert_eq!(psql(&url, "select x from kept"), "7");
        let data_dir = cluster.data_dir().to_owned();
        drop(cluster);
        assert_eq!(server_processes(&data_dir), 0);
    }

    #[test]
    fn missing_binaries_are_reported() {
        let opts = ClusterOptions {
            bin_dir: Some("/nonexistent".into()),
            ..ClusterOptions::default()
        };
        let dir = std::env::temp_dir().join(unique("nobin"));
        let err = LocalCluster::start(&dir, &opts).unwrap_err().to_string();
        assert!(err.contains("INTAKE_DATABASE_URL"), "{err}");
        assert!(err.contains("/nonexistent"), "{err}");
        assert!(!err.contains('\n'), "{err}");
        assert!(!dir.exists());
    }

    #[test]
    fn unreachable_dir_under_root_uses_fallback() {
        let root_home = fs::metadata("/root").map(|m| m.permissions().mode());
        if !geteuid().is_root() || root_home.map_or(true, |mode| mode & 0o001 != 0) {
            eprintln!("skipped: needs root and a /root that others cannot traverse");
            return;
        }
        let root = Path::new("/root/.cache").join(unique("fallback"));
        let dir = root.join("pg");
        let real = Path::new(CLUSTERS_DIR).join(short_hash(&dir));
        let _cleanup = Cleanup(vec![root, real.clone()]);

        let mut cluster = LocalCluster::start(&dir, &test_opts()).unwrap();
        assert_eq!(cluster.data_dir(), real);
        assert_eq!(fs::read_link(&dir).unwrap(), real);
        let mode = fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        psql(&cluster.database_url(), "create table kept (x int)");
        cluster.stop().unwrap();
        drop(cluster);

        let cluster = LocalCluster::start(&dir, &test_opts()).unwrap();
        assert_eq!(cluster.data_dir(), real);
        assert_eq!(psql(&cluster.database_url(), "select count(*) from kept"), "0");
    }

    #[test]
    fn helpers() {
        assert_eq!(tail("a\n\nb\nc\n", 2), "b | c");
        assert_eq!(shell_quote("a='b c'"), r"'a='\''b c'\'''");
        assert_eq!(short_hash(Path::new("/x")).len(), 16);
    }
}
