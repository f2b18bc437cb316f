/// An input written one way (`value`) and the fragment of the message it must be refused with.
struct RefusedInput: CustomStringConvertible, Sendable {
    let value: String
    let fragment: String
    var description: String { value }
}
