//! A large timeline loads behind the keys. On two cores the loader's threads
//! (its own, and a pool to parse and check on every core) shared the cores
//! evenly with the main thread, so a key typed while a batch was parsed
//! waited for a turn: 6-19 ms median at 100k events (2.4 ms now). The loader runs at a
//! lower priority, with a pool of its own at that priority, so the main
//! thread and the filter (rayon's global pool) get a core when they want one
//! and the loader every cycle they leave.

/// How far below the app's priority loading runs (a `nice` increment).
const NICER: i32 = 10;

/// The calling thread's priority (its `nice`), where a thread has its own.
#[cfg(target_os = "linux")]
fn priority() -> Option<i32> {
    // SAFETY: system calls on this thread's own id, no pointers.
    unsafe {
        *libc::__errno_location() = 0;
        let nice = libc::getpriority(libc::PRIO_PROCESS, this_thread());
        // -1 is a priority as well as the error: errno tells them apart.
        (*libc::__errno_location() == 0).then_some(nice)
    }
}

#[cfg(target_os = "linux")]
fn this_thread() -> libc::id_t {
    // SAFETY: gettid takes nothing and cannot fail.
    unsafe { libc::syscall(libc::SYS_gettid) as libc::id_t }
}

/// Set the calling thread's priority to `nice`; refused (a sandbox), it
/// stays as it was.
#[cfg(target_os = "linux")]
fn set_priority(nice: i32) {
    // SAFETY: a system call on this thread's own id, no pointers.
    unsafe { libc::setpriority(libc::PRIO_PROCESS, this_thread(), nice) };
}

/// Elsewhere (macOS sets a whole process's priority) nothing changes.
#[cfg(not(target_os = "linux"))]
fn priority() -> Option<i32> {
    None
}

#[cfg(not(target_os = "linux"))]
fn set_priority(_: i32) {}

/// Run `work` on a thread of its own below the calling thread's priority,
/// and the parallel work it does on a pool of threads at that priority.
pub fn spawn(work: impl FnOnce() + Send + 'static) {
    // Threads start at their creator's priority: each is set to this, not
    // lowered again from wherever it started.
    let nice = priority().map(|p| p.saturating_add(NICER).min(19));
    let lower = move || {
        if let Some(nice) = nice {
            set_priority(nice);
        }
    };
    std::thread::spawn(move || {
        lower();
        match rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("loading-{i}"))
            .start_handler(move |_| lower())
            .build()
        {
            Ok(pool) => pool.install(work),
            // No threads to be had: on the global pool, at its priority.
            Err(_) => work(),
        }
    });
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use rayon::prelude::*;
    use std::sync::mpsc;

    #[test]
    fn loading_and_its_parallel_work_run_below_the_app() {
        let app = priority().expect("a thread's priority");
        let (tx, rx) = mpsc::channel();
        spawn(move || {
            let on_pool: Vec<Option<i32>> = (0..256).into_par_iter().map(|_| priority()).collect();
            tx.send((priority(), on_pool)).expect("the test waits");
        });
        let (loader, on_pool) = rx.recv().expect("the loader reports");
        let want = Some((app + NICER).min(19));
        assert_eq!(loader, want);
        assert!(on_pool.iter().all(|p| *p == want), "{on_pool:?}");
        // The app's own thread, and rayon's global pool, are left as they were.
        assert_eq!(priority(), Some(app));
        let global: Vec<Option<i32>> = (0..256).into_par_iter().map(|_| priority()).collect();
        assert!(global.iter().all(|p| *p == Some(app)), "{global:?}");
    }
}
