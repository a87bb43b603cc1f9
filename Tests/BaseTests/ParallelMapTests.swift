import Base
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct ParallelMapTests {
    @Test(arguments: [0, 1, 31, 64, 65, 100, 1_000, 4_099], [1, 2, 3, 8])
    func keepsTheOrderAndEveryElement(_ count: Int, _ threads: Int) {
        let items = Array(0..<count)
        let mapped = parallelMap(items, threads: threads, minimumPerThread: 1) { $0 * 3 + 1 }
        #expect(mapped == items.map { $0 * 3 + 1 })
    }

    @Test func sharesTheWorkBetweenThreads() {
        let ids = parallelMap(Array(0..<64), threads: 4, minimumPerThread: 16) { _ -> UInt in
            usleep(2_000)
            return UInt(pthread_self())
        }
        #expect(Set(ids).count == 4, "4 threads each took a quarter")
    }

    @Test func smallInputsStayOnTheCallersThread() {
        let me = UInt(pthread_self())
        let ids = parallelMap(Array(0..<20), threads: 8) { _ in UInt(pthread_self()) }
        #expect(Set(ids) == [me])
    }
}
