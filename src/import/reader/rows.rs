//! The data rows of a [`Table`](super::Table), stored compactly.
//!
//! A 100,000-row file has a million cells; one `String` each cost several
//! times the file's size and a million allocations. Here all cell text sits
//! in one buffer and each cell is the offset where it ends, so the rows take
//! little more than the text itself. The buffer is zeroed when dropped: it
//! holds customer data in plaintext.

use zeroize::Zeroize;

/// All data rows of a table: iterate with `for row in &table.rows` or
/// [`Rows::iter`], index with [`Rows::get`]. Every row has the same number of
/// cells, the table's header count.
#[derive(Clone, PartialEq, Eq)]
pub struct Rows {
    /// Every cell's text, row after row, with nothing in between.
    pub(super) text: String,
    /// `bounds[0] == 0`, then the end offset of each cell in `text`; a cell
    /// starts where the one before it ends.
    pub(super) bounds: Vec<u32>,
    /// The user-visible number of each row (see [`Row::number`]).
    pub(super) numbers: Vec<u32>,
    pub(super) width: usize,
}

/// One data row, borrowed from [`Rows`].
#[derive(Clone, Copy)]
pub struct Row<'t> {
    /// The number the user sees for this row: the spreadsheet row number. For a
    /// text file that is the row a spreadsheet shows when it opens the file:
    /// blank lines count as rows, and a record with line breaks inside a
    /// quoted cell is one row.
    pub number: usize,
    text: &'t str,
    /// The start of the first cell, then the end of each cell.
    bounds: &'t [u32],
}

impl Rows {
    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.numbers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }

    /// The row at `index` (0-based position, not [`Row::number`]).
    pub fn get(&self, index: usize) -> Option<Row<'_>> {
        let number = *self.numbers.get(index)?;
        let first = index * self.width;
        Some(Row {
            number: number as usize,
            text: &self.text,
            bounds: &self.bounds[first..=first + self.width],
        })
    }

    pub fn iter(&self) -> RowIter<'_> {
        RowIter {
            rows: self,
            next: 0,
            end: self.len(),
        }
    }

    /// The first row.
    pub fn first(&self) -> Option<Row<'_>> {
        self.get(0)
    }

    /// The last row.
    pub fn last(&self) -> Option<Row<'_>> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }
}

impl Drop for Rows {
    fn drop(&mut self) {
        self.text.zeroize();
    }
}

impl std::fmt::Debug for Rows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'t> Row<'t> {
    /// The cell in column `index` (0-based, as in `Table::headers`). Line
    /// breaks inside a cell are `\n`.
    ///
    /// # Panics
    /// When `index` is not below the header count.
    pub fn cell(&self, index: usize) -> &'t str {
        let start = self.bounds[index] as usize;
        let end = self.bounds[index + 1] as usize;
        &self.text[start..end]
    }

    /// The cells from the first column on.
    pub fn cells(&self) -> impl ExactSizeIterator<Item = &'t str> + DoubleEndedIterator + use<'t> {
        let text = self.text;
        self.bounds
            .windows(2)
            .map(move |w| &text[w[0] as usize..w[1] as usize])
    }

    /// Number of cells: the header count.
    pub fn len(&self) -> usize {
        self.bounds.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Rows are equal when their numbers and cells are; derived equality would
/// compare the whole table's text.
impl PartialEq for Row<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.number == other.number && self.cells().eq(other.cells())
    }
}

impl Eq for Row<'_> {}

impl std::fmt::Debug for Row<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Not the derived form: that would print the whole table's text.
        f.debug_struct("Row")
            .field("number", &self.number)
            .field("cells", &self.cells().collect::<Vec<_>>())
            .finish()
    }
}

/// Iterator over [`Rows`] in file order.
#[derive(Clone)]
pub struct RowIter<'t> {
    rows: &'t Rows,
    next: usize,
    end: usize,
}

impl std::fmt::Debug for RowIter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RowIter")
            .field("left", &(self.end - self.next))
            .finish()
    }
}

impl<'t> Iterator for RowIter<'t> {
    type Item = Row<'t>;

    fn next(&mut self) -> Option<Row<'t>> {
        if self.next == self.end {
            return None;
        }
        self.next += 1;
        self.rows.get(self.next - 1)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.end - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for RowIter<'_> {}

impl<'t> DoubleEndedIterator for RowIter<'t> {
    fn next_back(&mut self) -> Option<Row<'t>> {
        if self.next == self.end {
            return None;
        }
        self.end -= 1;
        self.rows.get(self.end)
    }
}

impl<'t> IntoIterator for &'t Rows {
    type Item = Row<'t>;
    type IntoIter = RowIter<'t>;

    fn into_iter(self) -> RowIter<'t> {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Table;

    fn table() -> Table {
        let row = |n: usize, cells: &[&str]| (n, cells.iter().map(|c| (*c).to_owned()).collect());
        Table::from_rows(
            vec!["a".into(), "b".into()],
            vec![
                row(2, &["x", ""]),
                row(5, &["", "y\nz"]),
                row(6, &["é", "w"]),
            ],
        )
    }

    #[test]
    fn rows_give_cells_by_position_and_in_order() {
        let t = table();
        assert_eq!(t.rows.len(), 3);
        let numbers: Vec<usize> = t.rows.iter().rev().map(|r| r.number).collect();
        assert_eq!(numbers, [6, 5, 2]);
        let second = t.rows.get(1).unwrap();
        assert_eq!((second.cell(0), second.cell(1)), ("", "y\nz"));
        assert_eq!(second.len(), 2);
        let last: Vec<&str> = t.rows.last().unwrap().cells().collect();
        assert_eq!(last, ["é", "w"]);
        assert!(t.rows.get(3).is_none());
    }

    #[test]
    fn a_row_prints_and_compares_only_its_own_cells() {
        let t = table();
        let first = t.rows.first().unwrap();
        assert_eq!(
            format!("{first:?}"),
            r#"Row { number: 2, cells: ["x", ""] }"#
        );
        assert_ne!(first, t.rows.get(1).unwrap());
        assert_eq!(first, table().rows.first().unwrap());
    }
}
