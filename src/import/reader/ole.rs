//! A pre-flight check of OLE (Compound File Binary) containers, the format of
//! `.xls` files and of password-protected `.xlsx` files.
//!
//! calamine 0.38 follows a sector chain until it reaches its end marker or
//! the stream length recorded in the directory. In a damaged file the chain
//! can loop, and then calamine appends the same sectors forever: the fuzzer
//! found a 5 KiB file that made it allocate gigabytes (an abort, not a
//! panic, so it cannot be contained). A chain that visits more sectors than
//! the file has must loop, so that is checked here, mirroring how calamine
//! reads the header, DIFAT, FAT and directory, before calamine sees the file.

/// The first eight bytes of every OLE file.
const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Marks the end of a sector chain.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Sector ids from here on are special markers, not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;
/// DIFAT entries from here on (DIFSECT, FATSECT, ...) are not FAT sectors.
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
/// calamine reads streams shorter than this from the mini stream, whose
/// chains are bounded by that length anyway.
const MINI_STREAM_CUTOFF: u64 = 4096;

/// True when following some chain the way calamine does would never end.
/// Files that are broken in other ways pass: calamine reports those itself.
pub(crate) fn has_endless_chain(bytes: &[u8]) -> bool {
    let Some(file) = Cfb::new(bytes) else {
        return false;
    };
    let Some(fat) = file.fat() else {
        return false;
    };
    let directory = match file.walk(read_u32(bytes, 48), &fat, u64::MAX) {
        Walk::Endless => return true,
        Walk::Stopped => return false,
        Walk::Done(sectors) => sectors,
    };
    let lengths: Vec<(u32, u64)> = file
        .directory_entries(&directory)
        .into_iter()
        .map(|entry| file.extent(entry))
        .collect();
    let mini_fat_len = u64::from(read_u32(bytes, 64));
    if mini_fat_len > 0 {
        // The root entry's chain holds the mini stream.
        if let Some(&(start, len)) = lengths.first()
            && matches!(file.walk(start, &fat, len), Walk::Endless)
        {
            return true;
        }
        let mini_fat_start = read_u32(bytes, 60);
        let len = mini_fat_len.saturating_mul(file.size as u64);
        if matches!(file.walk(mini_fat_start, &fat, len), Walk::Endless) {
            return true;
        }
    }
    lengths
        .iter()
        .filter(|&&(_, len)| len >= MINI_STREAM_CUTOFF)
        .any(|&(start, len)| matches!(file.walk(start, &fat, len), Walk::Endless))
}

/// The stream called `name` (compared like calamine does: ASCII case ignored), read the way
/// calamine reads it; `None` when the container is broken in a way calamine reports itself.
/// Streams shorter than 4096 bytes come from the mini stream.
pub(crate) fn stream(bytes: &[u8], name: &str) -> Option<Vec<u8>> {
    let file = Cfb::new(bytes)?;
    let fat = file.fat()?;
    let Walk::Done(directory) = file.walk(read_u32(bytes, 48), &fat, u64::MAX) else {
        return None;
    };
    let entries = file.directory_entries(&directory);
    let entry = entries
        .iter()
        .find(|entry| entry_name(entry).eq_ignore_ascii_case(name))?;
    let (start, len) = file.extent(entry);
    if len >= MINI_STREAM_CUTOFF {
        return file.read_chain(start, &fat, len);
    }
    let (root_start, root_len) = file.extent(entries.first()?);
    let mini_stream = file.read_chain(root_start, &fat, root_len)?;
    let mini_fat_len = u64::from(read_u32(bytes, 64)).saturating_mul(file.size as u64);
    let mini_fat: Vec<u32> =
        u32s(&file.read_chain(read_u32(bytes, 60), &fat, mini_fat_len)?).collect();
    let mut out = Vec::new();
    let mut id = start;
    while id != END_OF_CHAIN && (out.len() as u64) < len {
        let at = (id as usize).checked_mul(64)?;
        let sector = mini_stream.get(at..at.checked_add(64)?.min(mini_stream.len()))?;
        if sector.is_empty() || out.len() > mini_stream.len() {
            return None;
        }
        out.extend_from_slice(sector);
        id = *mini_fat.get(id as usize)?;
    }
    out.truncate(len as usize);
    Some(out)
}

/// A directory entry's name: UTF-16LE, up to the first NUL.
fn entry_name(entry: &[u8]) -> String {
    let units: Vec<u16> = entry[..64]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&unit| unit != 0)
        .collect();
    String::from_utf16_lossy(&units)
}

struct Cfb<'a> {
    bytes: &'a [u8],
    /// Sector size: 512 or 4096.
    size: usize,
    /// The highest sector id calamine accepts.
    max_id: u32,
}

enum Walk {
    /// The chain ends; these are its sectors.
    Done(Vec<u32>),
    /// calamine stops with an error (or a contained panic) here.
    Stopped,
    /// More steps than the file has sectors: a loop.
    Endless,
}

impl<'a> Cfb<'a> {
    fn new(bytes: &'a [u8]) -> Option<Self> {
        if bytes.len() < 512 || !bytes.starts_with(&SIGNATURE) {
            return None;
        }
        let size = match read_u16(bytes, 30) {
            9 => 512,
            12 => 4096,
            _ => return None,
        };
        if bytes.len() < size {
            return None;
        }
        let max_id = u32::try_from(bytes.len() / size).ok()?;
        Some(Cfb {
            bytes,
            size,
            max_id,
        })
    }

    /// Sector `id`; sectors are numbered from the end of the header, which
    /// takes one sector. Like calamine, any id up to `max_id` is accepted,
    /// even where the file has already ended: such a sector is short or
    /// empty (calamine then pads with zeros or panics, which is contained).
    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        if id > self.max_id {
            return None;
        }
        let start = (id as usize + 1).saturating_mul(self.size);
        let end = start.saturating_add(self.size).min(self.bytes.len());
        Some(self.bytes.get(start..end).unwrap_or(&[]))
    }

    /// A sector's u32 entries, a short sector padded with zeros the way
    /// calamine's buffer may pad it. Padding can only add links to sector
    /// 0, so it can only make the check stricter.
    fn entries(&self, id: u32) -> Option<impl Iterator<Item = u32> + 'a> {
        let sector = self.sector(id)?;
        let padding = (self.size - sector.len()) / 4;
        Some(u32s(sector).chain(std::iter::repeat_n(0, padding)))
    }

    /// The FAT, gathered from the header's DIFAT entries and the DIFAT chain.
    fn fat(&self) -> Option<Vec<u32>> {
        let mut difat: Vec<u32> = u32s(&self.bytes[76..512]).collect();
        let mut id = read_u32(self.bytes, 68);
        let mut steps = 0_u64;
        while id < RESERVED {
            steps += 1;
            if steps > u64::from(self.max_id) + 1 {
                // calamine bounds this chain itself and gives an error.
                return None;
            }
            difat.extend(self.entries(id)?);
            id = difat.pop()?;
        }
        let mut fat = Vec::new();
        for id in difat.into_iter().filter(|&id| id < DIFAT_SECTOR) {
            fat.extend(self.entries(id)?);
        }
        Some(fat)
    }

    /// The 128-byte directory entries held by these directory sectors.
    fn directory_entries(&self, directory: &[u32]) -> Vec<&'a [u8]> {
        directory
            .iter()
            .filter_map(|&id| self.sector(id))
            .flat_map(|s| s.chunks_exact(128))
            .collect()
    }

    /// A directory entry's first sector and stream length (32 bits in version 3 files).
    fn extent(&self, entry: &[u8]) -> (u32, u64) {
        let len = if self.size == 512 {
            u64::from(read_u32(entry, 120))
        } else {
            read_u64(entry, 120)
        };
        (read_u32(entry, 116), len)
    }

    /// The bytes of a chain, `len` at most; `None` if it loops or breaks off.
    fn read_chain(&self, start: u32, fat: &[u32], len: u64) -> Option<Vec<u8>> {
        let Walk::Done(sectors) = self.walk(start, fat, len) else {
            return None;
        };
        let mut out = Vec::new();
        for id in sectors {
            out.extend_from_slice(self.sector(id)?);
        }
        out.truncate(usize::try_from(len).unwrap_or(usize::MAX));
        Some(out)
    }

    /// Follows a chain as calamine's `get_chain` does: until the end
    /// marker or until `len` bytes are collected.
    fn walk(&self, start: u32, fat: &[u32], len: u64) -> Walk {
        let mut sectors = Vec::new();
        let mut collected = 0_u64;
        let mut id = start;
        while id != END_OF_CHAIN {
            let Some(sector) = self.sector(id) else {
                return Walk::Stopped;
            };
            if sectors.len() as u64 > u64::from(self.max_id) + 1 {
                return Walk::Endless;
            }
            sectors.push(id);
            collected = collected.saturating_add(sector.len() as u64);
            if collected >= len {
                break;
            }
            match fat.get(id as usize) {
                Some(&next) => id = next,
                None => return Walk::Stopped,
            }
        }
        Walk::Done(sectors)
    }
}

fn u32s(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

fn read_u16(bytes: &[u8], at: usize) -> u16 {
    bytes
        .get(at..at + 2)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    bytes.get(at..at + 4).map_or(END_OF_CHAIN, |b| {
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    })
}

fn read_u64(bytes: &[u8], at: usize) -> u64 {
    bytes.get(at..at + 8).map_or(0, |b| {
        u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xls() -> Vec<u8> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/generated/types.xls"
        );
        std::fs::read(path).unwrap()
    }

    #[test]
    fn a_sound_file_passes() {
        assert!(!has_endless_chain(&xls()));
        assert!(!has_endless_chain(b"not an OLE file"));
        // Without the signature nothing is parsed, even if the sector-shift
        // field happens to look right.
        let mut zip_like = vec![0_u8; 4096];
        zip_like[30] = 9;
        zip_like[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        let mut with_signature = zip_like.clone();
        with_signature[..8].copy_from_slice(&SIGNATURE);
        assert!(has_endless_chain(&with_signature), "the test input loops");
        assert!(!has_endless_chain(&zip_like));
    }

    /// A minimal container (512-byte sectors) holding one stream `Small` of `payload.len()`
    /// (at most 128) bytes in the mini stream: FAT in sector 0, directory in 1, mini FAT in 2,
    /// the mini stream's container in 3.
    fn tiny_container(payload: &[u8]) -> Vec<u8> {
        const FREE: u32 = 0xFFFF_FFFF;
        let mut bytes = vec![0_u8; 512 * 5];
        let put = |bytes: &mut Vec<u8>, at: usize, value: u32| {
            bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
        };
        bytes[..8].copy_from_slice(&SIGNATURE);
        bytes[26] = 3; // major version
        bytes[28..30].copy_from_slice(&[0xFE, 0xFF]);
        bytes[30] = 9; // 512-byte sectors
        bytes[32] = 6; // 64-byte mini sectors
        put(&mut bytes, 44, 1); // FAT sectors
        put(&mut bytes, 48, 1); // directory start
        put(&mut bytes, 56, 4096); // mini stream cutoff
        put(&mut bytes, 60, 2); // mini FAT start
        put(&mut bytes, 64, 1); // mini FAT sectors
        put(&mut bytes, 68, END_OF_CHAIN); // no DIFAT sectors
        put(&mut bytes, 76, 0); // the FAT is sector 0
        for at in (80..512).step_by(4) {
            put(&mut bytes, at, FREE);
        }
        let sector = |id: usize| 512 * (id + 1);
        for (index, next) in [0xFFFF_FFFD, END_OF_CHAIN, END_OF_CHAIN, END_OF_CHAIN]
            .into_iter()
            .enumerate()
        {
            put(&mut bytes, sector(0) + 4 * index, next);
        }
        for index in 4..128 {
            put(&mut bytes, sector(0) + 4 * index, FREE);
        }
        let entry =
            |bytes: &mut Vec<u8>, index: usize, name: &str, kind: u8, start: u32, len: u32| {
                let at = sector(1) + 128 * index;
                for (i, unit) in name.encode_utf16().enumerate() {
                    bytes[at + 2 * i..at + 2 * i + 2].copy_from_slice(&unit.to_le_bytes());
                }
                bytes[at + 64] = (2 * name.len() + 2) as u8;
                bytes[at + 66] = kind;
                put(bytes, at + 116, start);
                put(bytes, at + 120, len);
            };
        entry(&mut bytes, 0, "Root Entry", 5, 3, 128);
        entry(&mut bytes, 1, "Small", 2, 0, payload.len() as u32);
        put(&mut bytes, sector(2), 1); // mini sector 0 continues in 1
        put(&mut bytes, sector(2) + 4, END_OF_CHAIN);
        for index in 2..128 {
            put(&mut bytes, sector(2) + 4 * index, FREE);
        }
        bytes[sector(3)..sector(3) + payload.len()].copy_from_slice(payload);
        bytes
    }

    #[test]
    fn streams_are_read_from_the_fat_and_from_the_mini_stream() {
        let bytes = xls();
        let workbook = stream(&bytes, "workbook").unwrap();
        assert!(workbook.len() as u64 >= MINI_STREAM_CUTOFF);
        assert_eq!(
            &workbook[..2],
            &[0x09, 0x08],
            "a BIFF BOF record comes first"
        );
        assert!(stream(&bytes, "NoSuchStream").is_none());

        let payload: Vec<u8> = (0..100).collect();
        let tiny = tiny_container(&payload);
        assert!(!has_endless_chain(&tiny));
        assert_eq!(stream(&tiny, "small").unwrap(), payload);
    }

    #[test]
    fn a_looping_directory_chain_is_caught() {
        let mut bytes = xls();
        let file = Cfb::new(&bytes).unwrap();
        let fat = file.fat().unwrap();
        let dir_start = read_u32(&bytes, 48);
        // Point the directory's first FAT entry back at itself. The FAT's
        // first sector id is the header's first DIFAT entry.
        let fat_sector = read_u32(&bytes, 76);
        let at = (fat_sector as usize + 1) * file.size + dir_start as usize * 4;
        assert_ne!(fat[dir_start as usize], dir_start);
        bytes[at..at + 4].copy_from_slice(&dir_start.to_le_bytes());
        assert!(has_endless_chain(&bytes));
    }
}
