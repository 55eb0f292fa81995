// ClapStore
