use rand::RngExt;
use sha2::{Digest, Sha256};

/// A random bearer secret (session cookie, API token, one-time link). Only its SHA-256 is stored,
/// so a copy of the database does not let anyone sign in.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn generate() -> Secret {
        let bytes: [u8; 32] = rand::rng().random();
        Secret(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn from_client(value: &str) -> Secret {
        Secret(value.to_owned())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> String {
        hash_secret(&self.0)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

pub fn hash_secret(value: &str) -> String {
    let digest = Sha256::digest(value.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
