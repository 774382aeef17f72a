"""What the hostile modes add to the portal: a census site turned against its visitors.

Written from the security review of the portal ("a page that redirects to 127.0.0.1 made the
worker's browser load the portal's own internal endpoint and store it as evidence"), as an
adversary would: each mode sends the visiting browser to a target on the visitor's side
(loopback by default, the portal's own address), by a redirect of the page or of the
consulta, by a script navigation carrying the cédula, by sub-resources on the side, or by
WebRTC and WebTransport, whose UDP no HTTP proxy sees.
"""

from __future__ import annotations

import json

from census_sim.modes import Mode
from census_sim.pages import PortalExtras, inline_script

# Where the hostile modes send the browser unless told otherwise: the portal's own address
# on the worker's machine (what `make run` serves).
DEFAULT_TARGET = "http://127.0.0.1:8000/"

# A data channel offered to the target as if it had answered: the browser then sends its
# ICE connectivity checks (STUN over UDP) straight to the target's address and port. And a
# WebTransport session, whose QUIC handshake is UDP too.
_UDP_TO_TARGET = r"""
(function (target) {
  try {
    const transport = new WebTransport("https://" + target.host + "/");
    transport.ready.catch(function () {});
    transport.closed.catch(function () {});
    window.__transporte = transport;
  } catch (e) {}
})(new URL(%(target)s));
(async function (target) {
  const peer = new RTCPeerConnection();
  peer.createDataChannel("canal");
  const offer = await peer.createOffer();
  await peer.setLocalDescription(offer);
  const fingerprint = offer.sdp.match(/a=fingerprint:[^\r\n]+/)[0];
  const host = target.hostname.replace(/^\[|\]$/g, "");
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  const answer = ["v=0", "o=- 1 2 IN IP4 " + host, "s=-", "t=0 0", "a=group:BUNDLE 0",
    "m=application " + port + " UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 " + host,
    "a=ice-ufrag:simu", "a=ice-pwd:simuladorsimuladorsimula", fingerprint, "a=setup:active",
    "a=mid:0", "a=sctp-port:5000",
    "a=candidate:1 1 udp 2122260223 " + host + " " + port + " typ host", ""].join("\r\n");
  await peer.setRemoteDescription({type: "answer", sdp: answer});
  window.__canal = peer;
})(new URL(%(target)s)).catch(function () {});
"""


def check_target(target: str) -> str:
    """A target must be an absolute http(s) URL (the hostile modes put it in a Location
    header and in the page)."""
    text = target.strip()
    if not text.startswith(("http://", "https://")) or any(c in text for c in "\r\n\"'<>"):
        raise ValueError(f"the target must be an absolute http(s) URL, not {target!r}")
    return text


def portal_extras(mode: Mode, target: str) -> PortalExtras | None:
    """What ``mode`` adds to the app shell; None for the modes that are not hostile."""
    if mode is Mode.NAVIGATE_PRIVATE:
        return PortalExtras(settings={"sendAwayTo": target})
    if mode is Mode.SUBRESOURCE_PRIVATE:
        side_loads = (
            f"<img src='{target}' alt='' width='1' height='1' style='position:absolute'>"
            + inline_script(
                f"fetch({json.dumps(target)}, {{mode: 'no-cors'}}).catch(function () {{}});"
            )
        )
        return PortalExtras(after_app=side_loads)
    if mode is Mode.UDP_PRIVATE:
        script = _UDP_TO_TARGET % {"target": json.dumps(target)}
        return PortalExtras(after_app=inline_script(script))
    return None
