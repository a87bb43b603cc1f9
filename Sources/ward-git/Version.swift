/// ward's version, in one place.
///
/// Lives here until a target shared by `ward` and `ward-git` exists to hold it.
enum WardVersion {
    static let string = "0.1.0"
}
