//! Bytes from an SSH channel to terminal events. terminput parses one event
//! from the front of a buffer and does not say how much it took, so bytes are
//! fed one at a time and the buffer is cleared at each event. A lone ESC is
//! the Esc key only when it ends a packet (a terminal sends an escape
//! sequence in one write); a sequence split over packets waits for the rest.
//! The buffer is capped: junk that never ends a sequence is dropped.

use ratatui::crossterm::event::Event;

/// The longest escape sequence kept while waiting for its end.
pub const CAP: usize = 256;

#[derive(Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// The events in one packet, in order.
    pub fn feed(&mut self, packet: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        for (i, &b) in packet.iter().enumerate() {
            let last = i + 1 == packet.len();
            self.pending.push(b);
            if self.pending == [0x1b] && !last {
                // Maybe the start of a sequence: the next byte says.
                continue;
            }
            self.parse(&mut events);
        }
        if self.pending == [0x1b] {
            // ESC ended the packet and nothing follows it: the Esc key.
            self.parse(&mut events);
        }
        events
    }

    fn parse(&mut self, events: &mut Vec<Event>) {
        match terminput::Event::parse_from(&self.pending) {
            Ok(Some(event)) => {
                self.pending.clear();
                if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                    events.push(event);
                }
            }
            // Not complete yet: wait for more, up to the cap.
            Ok(None) if self.pending.len() < CAP => {}
            // Not a sequence anything sends, or far too long to be one.
            _ => self.pending.clear(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn keys(d: &mut Decoder, bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
        d.feed(bytes)
            .into_iter()
            .filter_map(|e| match e {
                Event::Key(KeyEvent {
                    code, modifiers, ..
                }) => Some((code, modifiers)),
                _ => None,
            })
            .collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn letters_arrows_and_controls() {
        let mut d = Decoder::new();
        assert_eq!(
            keys(&mut d, b"jk\x1b[B\r\x03"),
            [
                (KeyCode::Char('j'), NONE),
                (KeyCode::Char('k'), NONE),
                (KeyCode::Down, NONE),
                (KeyCode::Enter, NONE),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
            ]
        );
    }

    #[test]
    fn a_sequence_split_over_packets_waits_for_its_end() {
        let mut d = Decoder::new();
        assert_eq!(keys(&mut d, b"\x1b["), []);
        assert_eq!(keys(&mut d, b"B"), [(KeyCode::Down, NONE)]);
    }

    #[test]
    fn a_lone_esc_at_the_end_of_a_packet_is_the_esc_key() {
        let mut d = Decoder::new();
        assert_eq!(keys(&mut d, b"\x1b"), [(KeyCode::Esc, NONE)]);
        assert_eq!(
            keys(&mut d, b"j\x1b"),
            [(KeyCode::Char('j'), NONE), (KeyCode::Esc, NONE)]
        );
    }

    #[test]
    fn utf8_split_over_packets_is_one_character() {
        let mut d = Decoder::new();
        let e = "é".as_bytes();
        assert_eq!(keys(&mut d, &e[..1]), []);
        assert_eq!(keys(&mut d, &e[1..]), [(KeyCode::Char('é'), NONE)]);
    }

    #[test]
    fn junk_and_endless_sequences_are_dropped_and_keys_after_them_work() {
        let mut d = Decoder::new();
        let mut paste = b"\x1b[200~".to_vec();
        paste.extend(std::iter::repeat_n(b'x', 10_000));
        d.feed(&paste);
        assert!(d.pending.len() <= CAP);
        let mut endless = b"\x1b[".to_vec();
        endless.extend(std::iter::repeat_n(b'1', 10_000));
        d.feed(&endless);
        assert!(d.pending.len() <= CAP);
        d.feed(&[0xff, 0xfe, 0x80]);
        assert_eq!(
            keys(&mut d, b"\x1b\x1bq"),
            keys(&mut Decoder::new(), b"\x1b\x1bq")
        );
        let mut d = Decoder::new();
        d.feed(&[0xff]);
        assert_eq!(keys(&mut d, b"q"), [(KeyCode::Char('q'), NONE)]);
    }
}
