//! The server's Ed25519 host key: made on first use, kept (mode 0600) and
//! reused, so the room's `known_hosts` stays right. A key file that cannot be
//! read is an error, never a reason to make a new key: a new key would look
//! exactly like a man in the middle.

use std::io::Write;
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::LineEnding;
use russh::keys::{Algorithm, HashAlg, PrivateKey, PublicKey};

/// Where the host key lives when `--host-key` names none: beside the marks
/// (`$TIMELINE_EXPLORER_DATA_DIR`, else the platform's data directory).
pub fn default_path() -> Option<PathBuf> {
    let marks = crate::marks::Store::default_location()?;
    Some(marks.path().parent()?.join("ssh_host_ed25519_key"))
}

/// The key at `path`, made there first if there is no file. Whether it was made.
pub fn load_or_create(path: &Path) -> Result<(PrivateKey, bool), String> {
    match std::fs::read_to_string(path) {
        Ok(text) => PrivateKey::from_openssh(&text)
            .map(|k| (k, false))
            .map_err(|e| format!("{}: not an OpenSSH private key ({e})", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(path).map(|k| (k, true)),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

fn create(path: &Path) -> Result<PrivateKey, String> {
    let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let key = PrivateKey::random(&mut russh::keys::key::safe_rng(), Algorithm::Ed25519)
        .map_err(|e| fail(&e))?;
    let text = key.to_openssh(LineEnding::LF).map_err(|e| fail(&e))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
    }
    // Made with 0600 from the start (never readable by others, even for a
    // moment), and only if nothing is there: two servers starting at once
    // must not write over each other's key.
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| fail(&e))?;
    file.write_all(text.as_bytes()).map_err(|e| fail(&e))?;
    Ok(key)
}

/// A public key as `ssh-keygen -l` prints it: `256 SHA256:... (ED25519)`.
pub fn fingerprint(key: &PublicKey) -> String {
    use russh::keys::EcdsaCurve;
    let (bits, kind) = match key.algorithm() {
        Algorithm::Ed25519 => ("256", "ED25519"),
        Algorithm::Ecdsa { curve } => (
            match curve {
                EcdsaCurve::NistP256 => "256",
                EcdsaCurve::NistP384 => "384",
                EcdsaCurve::NistP521 => "521",
            },
            "ECDSA",
        ),
        Algorithm::Rsa { .. } => ("RSA", "RSA"),
        _ => ("?", "?"),
    };
    let comment = key.comment().to_string();
    let comment = if comment.is_empty() {
        String::new()
    } else {
        format!(" {}", crate::sanitize::one_line(&comment))
    };
    format!(
        "{bits} {}{comment} ({kind})",
        key.fingerprint(HashAlg::Sha256)
    )
}

/// The presenter's public key: one line of an `authorized_keys` or `.pub` file.
pub fn load_public(path: &Path) -> Result<PublicKey, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .ok_or_else(|| format!("{}: no public key in it", path.display()))?;
    PublicKey::from_openssh(line)
        .map_err(|e| format!("{}: not an OpenSSH public key ({e})", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_with_mode_0600_and_reused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/key");
        let (made, new) = load_or_create(&path).unwrap();
        assert!(new);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let (again, new) = load_or_create(&path).unwrap();
        assert!(!new);
        assert_eq!(made.public_key(), again.public_key());
        assert!(fingerprint(made.public_key()).starts_with("256 SHA256:"));
    }

    #[test]
    fn a_broken_key_file_is_an_error_and_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        std::fs::write(&path, "not a key").unwrap();
        let err = load_or_create(&path).unwrap_err();
        assert!(err.contains("not an OpenSSH private key"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "not a key");
    }
}
