//! The client's address, for counting failed sign-ins per address.
//!
//! Directly connected clients are known by the TCP peer. A reverse proxy on the same machine (the
//! usual way to add TLS) connects from loopback; then the address it appended last to
//! `X-Forwarded-For` is the client's. A remote peer's `X-Forwarded-For` is ignored: anyone could
//! write one.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

pub struct ClientIp(pub String);

fn from_forwarded(parts: &Parts) -> Option<IpAddr> {
    parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse::<IpAddr>().ok())
        .next_back()
}

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let ip = match peer {
            Some(p) if p.is_loopback() => from_forwarded(parts).unwrap_or(p),
            Some(p) => p,
            None => IpAddr::from([0, 0, 0, 0]),
        };
        Ok(ClientIp(ip.to_string()))
    }
}
