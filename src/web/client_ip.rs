//! The client's address. (Placeholder until trusted proxies are configured: the TCP peer.)

use std::net::IpAddr;

use actix_web::HttpRequest;

/// The client's address: the TCP peer.
pub fn of(req: &HttpRequest) -> Option<IpAddr> {
    req.peer_addr().map(|a| a.ip())
}

/// The block an address is counted in: the address for IPv4, its /64 for IPv6.
pub fn block_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}
