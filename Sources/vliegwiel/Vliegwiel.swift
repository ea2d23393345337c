import VliegwielCLI

@main
struct Vliegwiel {
    static func main() async {
        await VliegwielCommand.main()
    }
}
