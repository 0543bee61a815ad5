//! Work over a list on every core, or on this thread when the list is short.
//!
//! The first parallel call starts rayon's pool (a thread per core), and every
//! call hands its work to the pool's threads and waits for them. On a loaded
//! machine that wait is for the scheduler: a few dozen items, such as the
//! built-in timeline's events and sources, took longer handed over than done
//! here, and the app's first frame waited for them (issue 14). Below `SHORT`
//! items the work stays on the calling thread; at the scale parallelism is
//! for (thousands of events and sources) nothing changes.

use rayon::prelude::*;

/// Lists shorter than this are worked through on the calling thread.
pub const SHORT: usize = 64;

/// `f` of every item, in order.
pub fn map<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    if items.len() < SHORT {
        items.iter().map(f).collect()
    } else {
        items.par_iter().map(f).collect()
    }
}

/// `f` of every item with a scratch value made by `init`, in order: one
/// scratch value per thread that takes part.
pub fn map_init<T, S, R, I, F>(items: &[T], init: I, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    I: Fn() -> S + Sync + Send,
    F: Fn(&mut S, &T) -> R + Sync + Send,
{
    if items.len() < SHORT {
        let mut scratch = init();
        items.iter().map(|t| f(&mut scratch, t)).collect()
    } else {
        items.par_iter().map_init(init, f).collect()
    }
}

/// `f` of every item, taken, in order.
pub fn map_owned<T, R, F>(items: Vec<T>, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync + Send,
{
    if items.len() < SHORT {
        items.into_iter().map(f).collect()
    } else {
        items.into_par_iter().map(f).collect()
    }
}

/// The items of `0..len`, or of `only`, for which `f` gives something, in order.
pub fn filter_map<R, F>(len: usize, only: Option<&[usize]>, f: F) -> Vec<R>
where
    R: Send,
    F: Fn(usize) -> Option<R> + Sync + Send,
{
    match only {
        Some(c) if c.len() < SHORT => c.iter().filter_map(|&i| f(i)).collect(),
        Some(c) => c.par_iter().filter_map(|&i| f(i)).collect(),
        None if len < SHORT => (0..len).filter_map(f).collect(),
        None => (0..len).into_par_iter().filter_map(f).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Short lists and long ones give the same answer, in the same order.
    #[test]
    fn short_and_long_lists_agree_with_a_plain_loop() {
        for len in [0, 1, SHORT - 1, SHORT, SHORT * 40] {
            let items: Vec<usize> = (0..len).collect();
            let plain: Vec<usize> = items.iter().map(|i| i * 3).collect();
            assert_eq!(map(&items, |i| i * 3), plain);
            assert_eq!(map_init(&items, || 3, |k, i| i * *k), plain);
            assert_eq!(map_owned(items.clone(), |i| i * 3), plain);
            let odd: Vec<usize> = items.iter().copied().filter(|i| i % 2 == 1).collect();
            assert_eq!(filter_map(len, None, |i| (i % 2 == 1).then_some(i)), odd);
            let some: Vec<usize> = items.iter().copied().rev().collect();
            let odd_rev: Vec<usize> = odd.iter().copied().rev().collect();
            assert_eq!(
                filter_map(len, Some(&some), |i| (i % 2 == 1).then_some(i)),
                odd_rev
            );
        }
    }

    /// The point of it: a short list is worked through on the calling thread
    /// (rayon's pool is neither started nor waited for).
    #[test]
    fn a_short_list_stays_on_the_calling_thread() {
        let me = std::thread::current().id();
        let items = vec![(); SHORT - 1];
        assert!(
            map(&items, |_| std::thread::current().id())
                .iter()
                .all(|t| *t == me)
        );
        let long = vec![(); SHORT * 40];
        let threads = map(&long, |_| rayon::current_thread_index());
        assert!(
            threads.iter().all(Option::is_some),
            "long lists go to the pool"
        );
        assert!(
            map(&items, |_| rayon::current_thread_index())
                .iter()
                .all(Option::is_none)
        );
    }
}
