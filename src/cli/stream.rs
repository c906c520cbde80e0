//! Output written as it is produced, so a long listing never sits in memory whole: a JSON
//! array element by element, and a stdout that keeps going quietly once its reader left.

use std::io::{self, BufWriter, StdoutLock, Write};

use serde::Serialize;

/// A JSON array written one element at a time, byte for byte what
/// `serde_json::to_string_pretty` of the whole array followed by a newline would give.
pub struct JsonArray<W: Write> {
    out: W,
    written: usize,
}

impl<W: Write> JsonArray<W> {
    /// Writes the opening `[`.
    pub fn start(mut out: W) -> io::Result<Self> {
        out.write_all(b"[")?;
        Ok(JsonArray { out, written: 0 })
    }

    /// Writes one element, indented one level.
    pub fn push(&mut self, value: &impl Serialize) -> io::Result<()> {
        let separator: &[u8] = if self.written == 0 { b"\n  " } else { b",\n  " };
        self.out.write_all(separator)?;
        // JSON text holds a raw newline only between tokens (strings escape theirs), so
        // indenting after each one nests the element the way the whole array would.
        let text = serde_json::to_string_pretty(value).expect("output types serialise");
        let text = crate::text::json_visible(text);
        self.out.write_all(text.replace('\n', "\n  ").as_bytes())?;
        self.written += 1;
        Ok(())
    }

    /// Writes the closing `]` and a newline, flushes, and hands the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        let end: &[u8] = if self.written == 0 { b"]\n" } else { b"\n]\n" };
        self.out.write_all(end)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Buffered stdout that stops writing, without an error, once its reader has gone (a closed
/// pipe, as with `kluis list | head`): what was asked for is done, only nobody reads the rest.
/// Any other failure, such as a full disk under a redirect, is an error: the output is lost.
pub struct Stdout {
    inner: BufWriter<StdoutLock<'static>>,
    reader_gone: bool,
}

impl Stdout {
    pub fn lock() -> Self {
        Stdout {
            inner: BufWriter::new(io::stdout().lock()),
            reader_gone: false,
        }
    }

    fn unless_reader_gone(&mut self, result: io::Result<()>) -> io::Result<()> {
        match result {
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                self.reader_gone = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if !self.reader_gone {
            let result = self.inner.write_all(bytes);
            self.unless_reader_gone(result)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.reader_gone {
            return Ok(());
        }
        let result = self.inner.flush();
        self.unless_reader_gone(result)
    }
}

/// The error of a failed write to [`Stdout`] (other than a reader that left).
pub fn stdout_error(source: io::Error) -> crate::Error {
    crate::records::Error::Write {
        path: "stdout".to_owned(),
        source,
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn streamed(values: &[serde_json::Value]) -> String {
        let mut array = JsonArray::start(Vec::new()).unwrap();
        for value in values {
            array.push(value).unwrap();
        }
        String::from_utf8(array.finish().unwrap()).unwrap()
    }

    #[test]
    fn a_streamed_array_is_the_pretty_array_byte_for_byte() {
        let values = [
            json!({"id": 1, "name": "Jan\nde Vries", "tags": ["a", "b"], "empty": {}}),
            json!({"id": 2, "nested": {"list": [], "x": null}}),
            json!("just a string"),
        ];
        for count in 0..=values.len() {
            let whole = serde_json::to_string_pretty(&values[..count]).unwrap() + "\n";
            assert_eq!(streamed(&values[..count]), whole, "{count} elements");
        }
    }
}
