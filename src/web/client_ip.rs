//! The client's address, as every limit and audit record sees it.
//!
//! Behind a reverse proxy the TCP peer is the proxy, so the client is read from `X-Forwarded-For`,
//! but only when the peer is one of `INTAKE_TRUSTED_PROXIES`: anyone else may write what they like
//! in that header. Walking the hops from the right (the proxy next to us appends the address it
//! saw), the client is the first hop that is not itself a trusted proxy. Without a trusted peer the
//! header is ignored entirely and the client is the peer.
//!
//! Limits group addresses: [`limit_key`] (one IPv4 address, or one IPv6 /64, which one subscriber
//! usually holds whole) for request budgets, and [`block_key`] (an IPv4 /24 or an IPv6 /64) for
//! daily caps on bookings.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use actix_web::{HttpRequest, http::header};
use ipnet::IpNet;

use crate::context::App;

/// The client's address of `req` (see the module's documentation). `0.0.0.0` when the peer is
/// unknown, which only happens in unit tests of handlers.
pub fn of(req: &HttpRequest) -> IpAddr {
    let trusted = req
        .app_data::<App>()
        .map(|app| app.settings.trusted_proxies.as_slice())
        .unwrap_or_default();
    let peer = req.peer_addr().map(|a| a.ip());
    let forwarded = req
        .headers()
        .get_all(header::X_FORWARDED_FOR)
        .filter_map(|v| v.to_str().ok());
    resolve(peer, forwarded, trusted)
}

/// The client's address, from the TCP peer and the `X-Forwarded-For` header values (in the order
/// they came), believing the header only from `trusted` peers.
pub fn resolve<'a>(peer: Option<IpAddr>, forwarded: impl Iterator<Item = &'a str>, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    let Some(peer) = peer.map(canonical) else {
        return IpAddr::V4(Ipv4Addr::UNSPECIFIED);
    };
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = forwarded.flat_map(|v| v.split(',')).collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        // A hop we cannot read ends the walk: nothing left of it can be believed.
        let Some(ip) = parse_hop(hop) else { break };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    client
}

/// One `X-Forwarded-For` hop: an address, tolerating a port (`1.2.3.4:5678`, `[2001:db8::1]:443`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    if let Some(rest) = hop.strip_prefix('[') {
        return rest
            .split(']')
            .next()?
            .parse::<Ipv6Addr>()
            .ok()
            .map(|ip| canonical(IpAddr::V6(ip)));
    }
    let (host, port) = hop.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse::<Ipv4Addr>().ok().map(IpAddr::V4)
}

/// An IPv4 address written as IPv6 (`::ffff:1.2.3.4`, as dual-stack sockets report it) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    ip.to_canonical()
}

/// The network of `ip` with `v4`/`v6` prefix bits.
fn network(ip: IpAddr, v4: u8, v6: u8) -> IpNet {
    let net = match canonical(ip) {
        IpAddr::V4(ip) => IpNet::new(IpAddr::V4(ip), v4),
        IpAddr::V6(ip) => IpNet::new(IpAddr::V6(ip), v6),
    };
    net.expect("prefix lengths within range").trunc()
}

/// The key of request budgets: the IPv4 address itself, or the IPv6 /64 it is in.
pub fn limit_key(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(ip) => ip.to_string(),
        ip @ IpAddr::V6(_) => network(ip, 32, 64).to_string(),
    }
}

/// The address block of `ip` for daily caps: its IPv4 /24 or IPv6 /64 (`203.0.113.0/24`, `2001:db8:1:2::/64`).
pub fn block_key(ip: IpAddr) -> String {
    network(ip, 24, 64).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn nets(s: &str) -> Vec<IpNet> {
        crate::config::parse_networks(s).unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let trusted = nets("10.0.0.0/8");
        assert_eq!(
            resolve(Some(ip("198.51.100.7")), ["1.2.3.4"].into_iter(), &trusted),
            ip("198.51.100.7")
        );
        assert_eq!(
            resolve(Some(ip("198.51.100.7")), [].into_iter(), &[]),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() {
        let trusted = nets("10.0.0.0/8, 192.0.2.10");
        // The client forged a first hop; the proxies appended what they saw.
        let hops = ["6.6.6.6, 203.0.113.9", "192.0.2.10"];
        assert_eq!(
            resolve(Some(ip("10.1.1.1")), hops.into_iter(), &trusted),
            ip("203.0.113.9")
        );
        // No header: the proxy itself.
        assert_eq!(resolve(Some(ip("10.1.1.1")), [].into_iter(), &trusted), ip("10.1.1.1"));
        // Every hop trusted: the leftmost.
        assert_eq!(
            resolve(Some(ip("10.1.1.1")), ["10.2.2.2, 10.3.3.3"].into_iter(), &trusted),
            ip("10.2.2.2")
        );
        // Garbage ends the walk at the last address that could be read.
        assert_eq!(
            resolve(
                Some(ip("10.1.1.1")),
                ["203.0.113.9, nonsense, 10.3.3.3"].into_iter(),
                &trusted
            ),
            ip("10.3.3.3")
        );
        // Ports and brackets, IPv4 written as IPv6.
        assert_eq!(
            resolve(Some(ip("10.1.1.1")), ["[2001:db8::1]:443"].into_iter(), &trusted),
            ip("2001:db8::1")
        );
        assert_eq!(
            resolve(Some(ip("::ffff:10.1.1.1")), ["203.0.113.9:5000"].into_iter(), &trusted),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn ipv6_is_grouped_by_64_and_ipv4_by_address() {
        assert_eq!(
            limit_key(ip("2001:db8:1:2:aaaa::1")),
            limit_key(ip("2001:db8:1:2:ffff::9"))
        );
        assert_eq!(limit_key(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_ne!(limit_key(ip("2001:db8:1:2::1")), limit_key(ip("2001:db8:1:3::1")));
        assert_eq!(limit_key(ip("203.0.113.9")), "203.0.113.9");
        assert_ne!(limit_key(ip("203.0.113.9")), limit_key(ip("203.0.113.10")));
        assert_eq!(limit_key(ip("::ffff:203.0.113.9")), "203.0.113.9");
    }

    #[test]
    fn blocks_are_24_and_64() {
        assert_eq!(block_key(ip("203.0.113.9")), "203.0.113.0/24");
        assert_eq!(block_key(ip("203.0.113.250")), block_key(ip("203.0.113.1")));
        assert_ne!(block_key(ip("203.0.113.9")), block_key(ip("203.0.114.9")));
        assert_eq!(block_key(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
    }
}
